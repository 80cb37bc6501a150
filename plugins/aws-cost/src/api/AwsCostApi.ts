import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterDetail, CostCenterRow } from '@internal/plugin-aws-cost-common';
import { AwsPortalClient } from '@internal/plugin-aws-react';

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
export class AwsCostClient extends AwsPortalClient implements AwsCostApi {
  getCostCenters() {
    return this.get<CollectionAnswer<CostCenterRow>>('cost/fleet');
  }

  getEntityCost(e: CompoundEntityRef) {
    return this.get<EntityCollectionAnswer<CostCenterDetail>>(`cost/entity/${AwsPortalClient.entityPath(e)}`);
  }
}
