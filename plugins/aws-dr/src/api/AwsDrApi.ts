import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { DrDetail, DrRow } from '@internal/plugin-aws-dr-common';
import { AwsPortalClient } from '@internal/plugin-aws-react';

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
export class AwsDrClient extends AwsPortalClient implements AwsDrApi {
  getFleet() {
    return this.get<CollectionAnswer<DrRow>>('dr/fleet');
  }

  getEntity(e: CompoundEntityRef) {
    return this.get<EntityCollectionAnswer<DrDetail>>(`dr/entity/${AwsPortalClient.entityPath(e)}`);
  }
}
