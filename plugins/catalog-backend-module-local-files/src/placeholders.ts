import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  type PlaceholderResolver,
  type PlaceholderResolverParams,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import gitUrlParse from 'git-url-parse';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import yaml from 'yaml';

/** The placeholders the catalog knows, and how each reads what it points at. */
const PARSERS = {
  text: (text: string) => text,
  json: (text: string): JsonValue => JSON.parse(text),
  yaml: (text: string): JsonValue => {
    const documents = yaml.parseAllDocuments(text);
    if (documents.length !== 1) {
      throw new Error(`expected one YAML document, found ${documents.length}`);
    }
    const [document] = documents;
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJSON();
  },
} satisfies Record<string, (text: string) => JsonValue>;

/** @public */
export type PlaceholderKind = keyof typeof PARSERS;

/**
 * What marks the root of the project a file belongs to: a git repository,
 * or an installed portal (the image's /app, or the directory README
 * "Running in production" installs into), which has the lockfile but no
 * `.git`.
 */
const ROOT_MARKERS = ['.git', 'yarn.lock'];

/** The nearest directory above a file that holds a root marker; the file's own directory if none does. */
function repositoryRoot(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (ROOT_MARKERS.some(marker => existsSync(join(dir, marker)))) return dir;
  }
  return dirname(file);
}

/** A file next to an entity read from disk, as long as it is in the same repository. */
async function readLocalFile({ value, baseUrl, emit }: PlaceholderResolverParams & { value: string }) {
  const path = resolveSafeChildPath(repositoryRoot(baseUrl), join(dirname(baseUrl), value));
  const text = await readFile(path, 'utf8');
  emit(processingResult.refresh(`file:${path}`));
  return text;
}

/** A URL relative to an entity read from a URL, in the same repository (as the catalog's own resolvers do). */
async function readRelativeUrl({ value, baseUrl, read, resolveUrl, emit }: PlaceholderResolverParams & { value: string }) {
  const url = resolveUrl(value, baseUrl);
  const [target, base] = [url, baseUrl].map(u => {
    try {
      return gitUrlParse(u);
    } catch {
      return undefined;
    }
  });
  if (target?.owner && target.name && base?.owner && base.name && (target.resource !== base.resource || target.full_name !== base.full_name)) {
    throw new Error('it may only reference files from the same repository as the entity');
  }
  const text = (await read(url)).toString('utf8');
  emit(processingResult.refresh(`url:${url}`));
  return text;
}

/**
 * A `$text`, `$json` or `$yaml` placeholder resolver that also reads files
 * relative to an entity registered by file path (the catalog's own resolvers
 * only form URLs, and fail for such entities), confined to the repository the
 * entity's file is in. Entities read from URLs resolve as before.
 *
 * @public
 */
export function placeholderResolver(kind: PlaceholderKind): PlaceholderResolver {
  return async params => {
    const { key, value, baseUrl } = params;
    if (typeof value !== 'string') {
      throw new Error(`Placeholder $${key} expected a string value: an absolute URL or a relative path`);
    }
    let text: string;
    try {
      text = isAbsolute(baseUrl) ? await readLocalFile({ ...params, value }) : await readRelativeUrl({ ...params, value });
    } catch (e) {
      throw new Error(`Placeholder $${key} could not read ${value} next to ${baseUrl}: ${(e as Error).message}`);
    }
    try {
      return PARSERS[kind](text);
    } catch (e) {
      throw new Error(`Placeholder $${key} could not parse ${value}: ${(e as Error).message}`);
    }
  };
}
