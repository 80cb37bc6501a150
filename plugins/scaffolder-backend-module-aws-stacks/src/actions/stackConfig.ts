import { InputError } from '@backstage/errors';
import fs from 'fs-extra';
import { resolve } from 'node:path';

export const DEFAULT_CONFIG_PATH = 'infra/stack-config.json';

/**
 * Reads the stack configuration a template rendered into the workspace,
 * refusing paths that leave it.
 */
export async function readStackConfig(
  workspacePath: string,
  configPath: string = DEFAULT_CONFIG_PATH,
): Promise<unknown> {
  const path = resolve(workspacePath, configPath);
  if (!path.startsWith(resolve(workspacePath))) {
    throw new InputError(`configPath ${configPath} leaves the workspace.`);
  }
  if (!(await fs.pathExists(path))) {
    throw new InputError(`No stack configuration at ${configPath}; the template did not render one.`);
  }
  return fs.readJson(path);
}
