import { spawnSync } from 'node:child_process';
import { findRepoTool, templateFile } from './repoTools';

/**
 * Runs AWS's CloudFormation linter (from the repository's .venv, which
 * scripts/test.sh installs, else from PATH) on a template; returns its
 * errors (E…) as lines.
 *
 * @public
 */
export function cfnLintErrors(template: unknown): string[] {
  const file = templateFile(template, 'cfn-lint-');
  const run = spawnSync(findRepoTool('.venv/bin/cfn-lint', 'cfn-lint'), ['--format', 'parseable', '--', file], { encoding: 'utf8' });
  if (run.error) throw new Error(`cfn-lint could not run (${run.error.message}); scripts/test.sh installs it into .venv.`);
  return run.stdout
    .split('\n')
    .filter(line => /:E\d{4}:/.test(line));
}
