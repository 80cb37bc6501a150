import {
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  type AwsEntityContext,
  type AwsResourceRef,
  entityOwnsResource,
  parseArn,
} from '@internal/plugin-aws-common';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsClientFactory } from './clients';

/**
 * Finds an entity's resources live, through the Resource Groups Tagging API:
 * the resources that carry every tag of its selector, plus the ARNs it names.
 * Collectors that already hold tags in their snapshots match with
 * `entityOwnsResource` instead and make no call at all.
 *
 * @public
 */
export class AwsResourceLocator {
  constructor(private readonly clients: AwsClientFactory) {}

  /**
   * @param context - the entity's parsed annotations
   * @param accountRegions - where to look when the entity names no account/region
   * @param resourceTypes - e.g. `['ecs:service', 'rds:db']`; all when omitted
   */
  async find(
    context: AwsEntityContext,
    accountRegions: AccountRegion[],
    resourceTypes?: string[],
  ): Promise<AwsResourceRef[]> {
    const found = new Map<string, AwsResourceRef>();
    for (const arn of context.arns) {
      found.set(arn.arn, {
        arn: arn.arn,
        accountId: arn.accountId,
        region: arn.region,
        tags: {},
      });
    }
    const tagFilters = Object.entries(context.tags).map(([Key, Value]) => ({
      Key,
      Values: [Value],
    }));
    if (tagFilters.length === 0) return [...found.values()];

    const where = accountRegions.filter(
      t =>
        (!context.accountId || t.accountId === context.accountId) &&
        (!context.region || t.region === context.region),
    );
    const lists = await Promise.all(
      where.map(async accountRegion => {
        const client = await this.clients.create(
          ResourceGroupsTaggingAPIClient,
          accountRegion,
        );
        const refs: AwsResourceRef[] = [];
        for await (const page of paginateGetResources(
          { client },
          {
            TagFilters: tagFilters,
            ResourceTypeFilters: resourceTypes,
            ResourcesPerPage: 100,
          },
        )) {
          for (const item of page.ResourceTagMappingList ?? []) {
            const parsed = item.ResourceARN && parseArn(item.ResourceARN);
            if (!parsed) continue;
            refs.push({
              arn: parsed.arn,
              accountId: parsed.accountId || accountRegion.accountId,
              region: parsed.region || accountRegion.region,
              tags: Object.fromEntries(
                (item.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
              ),
            });
          }
        }
        return refs;
      }),
    );
    for (const ref of lists.flat()) {
      if (entityOwnsResource(context, ref)) found.set(ref.arn, ref);
    }
    return [...found.values()];
  }
}
