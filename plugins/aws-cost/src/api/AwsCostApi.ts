import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { createApiRef, type DiscoveryApi, type FetchApi } from '@backstage/frontend-plugin-api';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterDetail, CostCenterRow } from '@internal/plugin-aws-cost-common';

/** @public */
export interface AwsCostApi {
  /** Every cost center this user may read (403 when none). */
  getCostCenters(): Promise<CollectionAnswer<CostCenterRow>>;
  /** The cost centers of a system or component, or of what a group owns. */
  getEntityCost(entity: CompoundEntityRef): Promise<EntityCollectionAnswer<CostCenterDetail>>;
}

/** @public */
export const awsCostApiRef = createApiRef<AwsCostApi>({ id: 'plugin.aws-cost.api' });

/**
 * Reads the `cost` source of the AWS collection plugin: the portal's tables,
 * never Cost Explorer.
 *
 * @public
 */
export class AwsCostClient implements AwsCostApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getCostCenters() {
    return this.request<CollectionAnswer<CostCenterRow>>('cost/fleet');
  }

  getEntityCost(e: CompoundEntityRef) {
    const path = [e.namespace, e.kind, e.name].map(encodeURIComponent).join('/');
    return this.request<EntityCollectionAnswer<CostCenterDetail>>(`cost/entity/${path}`);
  }

  private async request<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('aws');
    const res = await this.deps.fetchApi.fetch(`${base}/${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
