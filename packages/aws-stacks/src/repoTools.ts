import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A tool scripts/test.sh installs under the repository (e.g. `.venv/bin/cfn-lint`), else its name on PATH. */
export function findRepoTool(path: string, name: string): string {
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = resolve(dir, path);
    if (existsSync(candidate)) return candidate;
  }
  return name;
}

/** Writes a template to a file of its own for a command-line checker. */
export function templateFile(template: unknown, prefix: string): string {
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'template.json');
  writeFileSync(file, JSON.stringify(template));
  return file;
}
