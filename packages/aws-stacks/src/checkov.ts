import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoTool, withTemplateFile } from './repoTools';

const CHECKOV = () => findRepoTool('.venv-checkov/bin/checkov', 'checkov');
const ARGS = ['--framework', 'cloudformation', '--quiet', '--output', 'json'];

function failedChecks(run: SpawnSyncReturns<string>): any[] {
  if (run.error) throw new Error(`checkov could not run (${run.error.message}); scripts/test.sh installs it into .venv-checkov.`);
  const out = JSON.parse(run.stdout || '{}');
  const reports: any[] = Array.isArray(out) ? out : [out];
  return reports.flatMap(r => r.results?.failed_checks ?? []);
}

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
    spawnSync(CHECKOV(), ['-f', file, ...ARGS], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
  return failedChecks(run).map((c: any) => `${c.check_id} ${c.resource}: ${c.check_name}`);
}

/**
 * checkov over many templates in one run (it starts in seconds, so a
 * run per template adds up): each failed check as `<name> CKV_… Resource`,
 * by the names the templates are given.
 *
 * @public
 */
export function checkovFailuresOfMany(templates: Record<string, unknown>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'checkov-many-'));
  try {
    for (const [name, template] of Object.entries(templates)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(template));
    const run = spawnSync(CHECKOV(), ['-d', dir, ...ARGS], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return failedChecks(run).map((c: any) => `${String(c.file_path).replace(/^.*\//, '').replace(/\.json$/, '')} ${c.check_id} ${c.resource}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
