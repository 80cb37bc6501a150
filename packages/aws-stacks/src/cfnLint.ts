import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** cfn-lint from the repository's .venv (scripts/test.sh installs it), else from PATH. */
function findCfnLint(): string {
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = resolve(dir, '.venv/bin/cfn-lint');
    if (existsSync(candidate)) return candidate;
  }
  return 'cfn-lint';
}

/**
 * Runs AWS's CloudFormation linter on a template; returns its errors (E…) as lines.
 *
 * @public
 */
export function cfnLintErrors(template: unknown): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'cfn-lint-')), 'template.json');
  writeFileSync(file, JSON.stringify(template));
  const run = spawnSync(findCfnLint(), ['--format', 'parseable', '--', file], { encoding: 'utf8' });
  if (run.error) throw new Error(`cfn-lint could not run (${run.error.message}); scripts/test.sh installs it into .venv.`);
  return run.stdout
    .split('\n')
    .filter(line => /:E\d{4}:/.test(line));
}

