import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/frontend-plugin-api';
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
import { AwsRequests } from '@internal/plugin-aws-react';

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
export class AwsCloudWatchClient implements AwsCloudWatchApi {
  private readonly aws: AwsRequests;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.aws = new AwsRequests(deps);
  }

  getFleetAlarms() {
    return this.aws.get<CollectionAnswer<AlarmRow>>('alarms/fleet');
  }

  getEntityAlarms(e: CompoundEntityRef) {
    return this.aws.get<EntityCollectionAnswer<AlarmDetail>>(`alarms/entity/${AwsRequests.entityPath(e)}`);
  }

  getEntityMetrics(e: CompoundEntityRef) {
    return this.aws.get<EntityCollectionAnswer<ResourceMetricsDetail>>(
      `metrics/entity/${AwsRequests.entityPath(e)}`,
    );
  }

  async refreshAlarm(alarmArn: string): Promise<AlarmDetail> {
    const body = await this.aws.post<RefreshAnswer<AlarmDetail>>('alarms/refresh', { key: alarmArn });
    return body.item;
  }
}
