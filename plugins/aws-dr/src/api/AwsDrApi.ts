import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef, type DiscoveryApi, type FetchApi } from '@backstage/frontend-plugin-api';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { DrDetail, DrRow } from '@internal/plugin-aws-dr-common';
import { AwsRequests } from '@internal/plugin-aws-react';

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
  private readonly aws: AwsRequests;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.aws = new AwsRequests(deps);
  }

  getFleet() {
    return this.aws.get<CollectionAnswer<DrRow>>('dr/fleet');
  }

  getEntity(e: CompoundEntityRef) {
    return this.aws.get<EntityCollectionAnswer<DrDetail>>(`dr/entity/${AwsRequests.entityPath(e)}`);
  }
}
