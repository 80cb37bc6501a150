import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { createApiRef, type DiscoveryApi, type FetchApi } from '@backstage/frontend-plugin-api';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { DrDetail, DrRow } from '@internal/plugin-aws-dr-common';

/** @public */
export interface AwsDrApi {
  getFleet(): Promise<CollectionAnswer<DrRow>>;
  getEntity(entity: CompoundEntityRef): Promise<EntityCollectionAnswer<DrDetail>>;
}

/** @public */
export const awsDrApiRef = createApiRef<AwsDrApi>({ id: 'plugin.aws-dr.api' });

/**
 * Reads the `dr` source of the AWS collection plugin.
 *
 * @public
 */
export class AwsDrClient implements AwsDrApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getFleet() {
    return this.request<CollectionAnswer<DrRow>>('dr/fleet');
  }

  getEntity(e: CompoundEntityRef) {
    const path = [e.namespace, e.kind, e.name].map(encodeURIComponent).join('/');
    return this.request<EntityCollectionAnswer<DrDetail>>(`dr/entity/${path}`);
  }

  private async request<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('aws');
    const res = await this.deps.fetchApi.fetch(`${base}/${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
