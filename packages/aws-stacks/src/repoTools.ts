import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Writes a template to a file in a directory of its own for a command-line
 * checker, hands the file to `use`, and removes the directory once `use` is
 * done: when it returns or throws, or when the promise it returns settles.
 * (The backend validates every scaffolder run; each left a directory in the
 * temporary folder before.)
 */
export function withTemplateFile<T>(template: unknown, prefix: string, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(template));
    result = use(file);
  } catch (error) {
    remove();
    throw error;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}
