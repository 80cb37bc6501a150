import { resourceIdentity } from './arn';
import type { AwsEntityContext } from './entityContext';

/**
 * A resource as the collectors know it: its ARN, where it lives and its tags.
 *
 * @public
 */
export interface AwsResourceRef {
  arn: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
}

/**
 * Whether a resource belongs to an entity: it is named in the entity's ARNs
 * (compared by {@link resourceIdentity}),
 * or it lies in the entity's account and region (when annotated; its DR
 * Region counts too, where its standby waits) and carries every tag of the
 * entity's tag selector.
 *
 * @public
 */
export function entityOwnsResource(
  context: AwsEntityContext,
  resource: AwsResourceRef,
): boolean {
  const identity = resourceIdentity(resource.arn);
  if (context.arns.some(a => resourceIdentity(a.arn) === identity)) return true;
  const tagEntries = Object.entries(context.tags);
  if (tagEntries.length === 0) return false;
  if (context.accountId && context.accountId !== resource.accountId) {
    return false;
  }
  if (context.region && context.region !== resource.region && context.recovery?.drRegion !== resource.region) {
    return false;
  }
  return tagEntries.every(([key, value]) => resource.tags[key] === value);
}
