import { spawnSync } from 'node:child_process';
import { findRepoTool, withTemplateFile } from './repoTools';

/**
 * Runs checkov's CloudFormation checks on a template; returns each failed
 * check as `CKV_… Resource: name`. A check the construct skips (with its
 * reason, in the resource's `checkov` metadata) is not a failure. checkov
 * comes from the repository's .venv-checkov (scripts/test.sh installs it
 * there, apart from moto's .venv, whose boto3 it would pin back), else from
 * PATH.
 *
 * @public
 */
export function checkovFailures(template: unknown): string[] {
  const run = withTemplateFile(template, 'checkov-', file =>
    spawnSync(
      findRepoTool('.venv-checkov/bin/checkov', 'checkov'),
      ['-f', file, '--framework', 'cloudformation', '--quiet', '--output', 'json'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    ),
  );
  if (run.error) throw new Error(`checkov could not run (${run.error.message}); scripts/test.sh installs it into .venv-checkov.`);
  const out = JSON.parse(run.stdout || '{}');
  const reports: any[] = Array.isArray(out) ? out : [out];
  return reports
    .flatMap(r => r.results?.failed_checks ?? [])
    .map((c: any) => `${c.check_id} ${c.resource}: ${c.check_name}`);
}
