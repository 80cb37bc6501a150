import { spawnSync } from 'node:child_process';
import { findRepoTool } from './repoTools';
import { PLATFORM_TAG_KEYS } from './tags';

/**
 * Reads, from cfn-lint's copy of CloudFormation's resource provider schemas,
 * which of the types can be tagged and through which property.
 */
const TAGGING_SCRIPT = `
import json, sys
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as schemas
out = {}
for resource_type in json.load(sys.stdin):
    try:
        schema = schemas.get_resource_schema(sys.argv[1], resource_type).schema
    except Exception:
        continue
    tagging = schema.get("tagging", {})
    prop = tagging.get("tagProperty", "/properties/Tags" if "Tags" in schema.get("properties", {}) else None)
    if tagging.get("taggable", True) and prop:
        out[resource_type] = prop.split("/")[-1]
print(json.dumps(out))
`;

/**
 * The resource types among `types` that CloudFormation can tag, each with its
 * tag property, as CloudFormation's resource provider schemas for the Region
 * say (read through cfn-lint, from the repository's .venv).
 *
 * @public
 */
export function taggableResourceTypes(types: Iterable<string>, region = 'us-east-1'): Record<string, string> {
  const run = spawnSync(findRepoTool('.venv/bin/python', 'python3'), ['-c', TAGGING_SCRIPT, region], {
    input: JSON.stringify([...new Set(types)]),
    encoding: 'utf8',
  });
  if (run.error || run.status !== 0) {
    throw new Error(`cfn-lint's resource schemas could not be read (${run.error?.message ?? run.stderr.trim()}); scripts/test.sh installs cfn-lint into .venv.`);
  }
  return JSON.parse(run.stdout);
}

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

function tagKeys(tags: unknown): string[] {
  if (Array.isArray(tags)) return tags.map(t => (t as { Key?: string }).Key).filter((k): k is string => typeof k === 'string');
  return tags && typeof tags === 'object' ? Object.keys(tags) : [];
}

/**
 * Every resource of a template that CloudFormation could tag but that lacks
 * one or more of the platform tags, as `LogicalId (Type) lacks Key, Key`.
 * `taggable` is {@link taggableResourceTypes} for the template's types.
 *
 * @public
 */
export function untaggedResources(template: Template, taggable: Record<string, string>): string[] {
  return Object.entries(template.Resources ?? {}).flatMap(([id, resource]) => {
    const property = taggable[resource.Type];
    if (!property) return [];
    const present = new Set(tagKeys(resource.Properties?.[property]));
    const missing = PLATFORM_TAG_KEYS.filter(key => !present.has(key));
    return missing.length ? [`${id} (${resource.Type}) lacks ${missing.join(', ')}`] : [];
  });
}
