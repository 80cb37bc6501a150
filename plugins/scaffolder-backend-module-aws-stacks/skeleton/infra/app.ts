#!/usr/bin/env node
// The whole stack is decided by stack-config.json; the platform's standards
// live in @internal/aws-stacks, so they change in one place.
import { createPlatformApp, platformStackProblems } from '@internal/aws-stacks';
import config from './stack-config.json';

const problems = platformStackProblems(config);
if (problems.length > 0) {
  console.error(`stack-config.json cannot be built:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
createPlatformApp(config as never).app.synth();
