#!/usr/bin/env node
// The whole stack is decided by stack-config.json; the platform's standards
// are the construct library in vendor/aws-stacks (a copy of the portal's,
// see its README), so this repository builds with nothing but npm.
import { createPlatformApp, parsePlatformStackConfig, type PlatformStackConfig } from '../vendor/aws-stacks';
import config from './stack-config.json';

let stackConfig: PlatformStackConfig;
try {
  stackConfig = parsePlatformStackConfig(config);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
createPlatformApp(stackConfig).app.synth();
