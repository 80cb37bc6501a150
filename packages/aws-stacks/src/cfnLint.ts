import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { findRepoTool, withTemplateFile } from './repoTools';

const cfnLint = () => findRepoTool('.venv/bin/cfn-lint', 'cfn-lint');
const args = (file: string) => ['--format', 'parseable', '--', file];
/**
 * cfn-lint's warnings that mean AWS would refuse to create the resource today,
 * or soon: a deprecated DB instance or cluster engine version (W3691, W3690),
 * a resource type of a service that is sunsetting (W3696) or in maintenance
 * mode (W3697). The platform counts them as errors.
 */
const REFUSED_WARNINGS = ['W3690', 'W3691', 'W3696', 'W3697'];
const counted = new RegExp(`:(E\\d{4}|${REFUSED_WARNINGS.join('|')}):`);
const errorsIn = (stdout: string) => stdout.split('\n').filter(line => counted.test(line));
const cannotRun = (message: string) => new Error(`cfn-lint could not run (${message}); scripts/test.sh installs it into .venv.`);

/**
 * Runs AWS's CloudFormation linter (from the repository's .venv, which
 * scripts/test.sh installs, else from PATH) on a template; returns its
 * errors (E…) and the deprecation and availability warnings (W3690, W3691,
 * W3696, W3697) as lines. Blocks until cfn-lint is done: for tests and
 * command-line use; a server uses {@link cfnLintErrorsAsync}.
 *
 * @public
 */
export function cfnLintErrors(template: unknown): string[] {
  return withTemplateFile(template, 'cfn-lint-', file => {
    const run = spawnSync(cfnLint(), args(file), { encoding: 'utf8' });
    if (run.error) throw cannotRun(run.error.message);
    return errorsIn(run.stdout);
  });
}

/**
 * {@link cfnLintErrors} without blocking the event loop while cfn-lint runs.
 *
 * @public
 */
export async function cfnLintErrorsAsync(template: unknown): Promise<string[]> {
  return withTemplateFile(template, 'cfn-lint-', async file => {
    try {
      const { stdout } = await promisify(execFile)(cfnLint(), args(file), { maxBuffer: 16 * 1024 * 1024 });
      return errorsIn(stdout);
    } catch (error) {
      // cfn-lint exits non-zero when it finds something; its findings are still on stdout.
      const e = error as { code?: unknown; stdout?: string; message: string };
      if (typeof e.code === 'number' && typeof e.stdout === 'string') return errorsIn(e.stdout);
      throw cannotRun(e.message);
    }
  });
}
