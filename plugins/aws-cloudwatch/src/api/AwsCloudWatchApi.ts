import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CollectionAnswer,
  EntityCollectionAnswer,
  RefreshAnswer,
} from '@internal/plugin-aws-common';
import type {
  AlarmDetail,
  AlarmRow,
  ResourceMetricsDetail,
} from '@internal/plugin-aws-cloudwatch-common';
import { AwsPortalClient } from '@internal/plugin-aws-react';

/** @public */
export interface AwsCloudWatchApi {
  getFleetAlarms(): Promise<CollectionAnswer<AlarmRow>>;
  getEntityAlarms(entity: CompoundEntityRef): Promise<EntityCollectionAnswer<AlarmDetail>>;
  getEntityMetrics(entity: CompoundEntityRef): Promise<EntityCollectionAnswer<ResourceMetricsDetail>>;
  refreshAlarm(alarmArn: string): Promise<AlarmDetail>;
}

/** @public */
export const awsCloudWatchApiRef = createApiRef<AwsCloudWatchApi>({
  id: 'plugin.aws-cloudwatch.api',
});

/**
 * Reads the `alarms` and `metrics` sources of the AWS collection plugin.
 *
 * @public
 */
export class AwsCloudWatchClient extends AwsPortalClient implements AwsCloudWatchApi {
  getFleetAlarms() {
    return this.get<CollectionAnswer<AlarmRow>>('alarms/fleet');
  }

  getEntityAlarms(e: CompoundEntityRef) {
    return this.get<EntityCollectionAnswer<AlarmDetail>>(`alarms/entity/${AwsPortalClient.entityPath(e)}`);
  }

  getEntityMetrics(e: CompoundEntityRef) {
    return this.get<EntityCollectionAnswer<ResourceMetricsDetail>>(
      `metrics/entity/${AwsPortalClient.entityPath(e)}`,
    );
  }

  async refreshAlarm(alarmArn: string): Promise<AlarmDetail> {
    const body = await this.post<RefreshAnswer<AlarmDetail>>('alarms/refresh', { key: alarmArn });
    return body.item;
  }
}
