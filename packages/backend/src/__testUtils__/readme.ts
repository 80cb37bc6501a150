import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './startBackend';

/**
 * The shell block of README.md that follows `<!-- production:<name> -->`:
 * the tests run the README's words, not a paraphrase of them.
 */
export function readmeBlock(name: string): string {
  const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
  const match = readme.match(new RegExp(`<!-- production:${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`README.md has no production:${name} block`);
  return match[1];
}
