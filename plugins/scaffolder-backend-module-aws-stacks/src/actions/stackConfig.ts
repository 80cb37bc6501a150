import { type LoggerService, resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  platformStackProblems,
  type PlatformStackConfig,
} from '@internal/aws-stacks';
import fs from 'fs-extra';
import type { z as zod } from 'zod/v3';

export const DEFAULT_CONFIG_PATH = 'infra/stack-config.json';

/** The `configPath` input every stack action takes: where the template rendered its stack-config.json. */
export const configPathInput = (z: typeof zod) =>
  z.string({ description: 'Path of stack-config.json inside the workspace' }).default(DEFAULT_CONFIG_PATH);

/**
 * Reads the stack configuration a template rendered into the workspace,
 * refusing paths that leave it.
 */
export async function readStackConfig(
  workspacePath: string,
  configPath: string = DEFAULT_CONFIG_PATH,
): Promise<unknown> {
  let path: string;
  try {
    path = resolveSafeChildPath(workspacePath, configPath);
  } catch {
    throw new InputError(`configPath ${configPath} leaves the workspace.`);
  }
  if (!(await fs.pathExists(path))) {
    throw new InputError(`No stack configuration at ${configPath}; the template did not render one.`);
  }
  return fs.readJson(path);
}

/**
 * Returns the configuration when the constructs can build it; otherwise
 * throws an InputError that starts with `lead` and lists every problem (each
 * also logged to the task log when a logger is given).
 */
export function assertBuildable(
  config: unknown,
  lead: string,
  logger?: LoggerService,
): PlatformStackConfig {
  const problems = platformStackProblems(config);
  if (problems.length > 0) {
    for (const p of problems) logger?.error(p);
    throw new InputError(`${lead}:\n- ${problems.join('\n- ')}`);
  }
  return config as PlatformStackConfig;
}
