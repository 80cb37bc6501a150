import { COST_CENTER_TAG, resourceKind } from '@internal/plugin-aws-common';
import { UNTAGGED_ARNS_SHOWN, type UntaggedResourceGroup } from '@internal/plugin-aws-cost-common';
import type { KnownResource } from '@internal/plugin-aws-node';

/**
 * The collected resources without a CostCenter tag (or with an empty one),
 * by the most specific entity that owns each: the entities with most first,
 * the resources the catalog does not know last.
 */
export function untaggedResourceGroups(resources: readonly KnownResource[]): UntaggedResourceGroup[] {
  const groups = new Map<string, UntaggedResourceGroup>();
  for (const resource of resources) {
    if (resource.tags[COST_CENTER_TAG]?.trim()) continue;
    const owner = resource.owners[0];
    const key = owner?.entityRef ?? '';
    let group = groups.get(key);
    if (!group) {
      group = owner
        ? { entityRef: owner.entityRef, owner: owner.owner, system: owner.system, count: 0, kinds: {}, arns: [] }
        : { count: 0, kinds: {}, arns: [] };
      groups.set(key, group);
    }
    group.count += 1;
    const kind = resourceKind(resource.arn);
    group.kinds[kind] = (group.kinds[kind] ?? 0) + 1;
    group.arns.push(resource.arn);
  }
  return [...groups.values()]
    .map(g => ({ ...g, arns: g.arns.sort().slice(0, UNTAGGED_ARNS_SHOWN) }))
    .sort(
      (a, b) =>
        Number(!a.entityRef) - Number(!b.entityRef) ||
        b.count - a.count ||
        (a.entityRef ?? '').localeCompare(b.entityRef ?? ''),
    );
}
