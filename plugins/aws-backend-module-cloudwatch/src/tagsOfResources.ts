import {
  type ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';

/**
 * The tags of every tagged resource of one type in the client's account and
 * region, from one Resource Groups Tagging API sweep (100 resources a page)
 * instead of a tag call per resource. Resources without tags are absent.
 */
export async function tagsOfResources(
  tagging: ResourceGroupsTaggingAPIClient,
  resourceType: string,
): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  for await (const page of paginateGetResources(
    { client: tagging },
    { ResourceTypeFilters: [resourceType], ResourcesPerPage: 100 },
  )) {
    for (const r of page.ResourceTagMappingList ?? []) {
      if (!r.ResourceARN) continue;
      const record: Record<string, string> = {};
      for (const t of r.Tags ?? []) if (t.Key) record[t.Key] = t.Value ?? '';
      tags.set(r.ResourceARN, record);
    }
  }
  return tags;
}
