import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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

const entityPath = (e: CompoundEntityRef) =>
  [e.namespace, e.kind, e.name].map(encodeURIComponent).join('/');

/**
 * Reads the `alarms` and `metrics` sources of the AWS collection plugin.
 *
 * @public
 */
export class AwsCloudWatchClient implements AwsCloudWatchApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getFleetAlarms() {
    return this.request<CollectionAnswer<AlarmRow>>('alarms/fleet');
  }

  getEntityAlarms(e: CompoundEntityRef) {
    return this.request<EntityCollectionAnswer<AlarmDetail>>(`alarms/entity/${entityPath(e)}`);
  }

  getEntityMetrics(e: CompoundEntityRef) {
    return this.request<EntityCollectionAnswer<ResourceMetricsDetail>>(
      `metrics/entity/${entityPath(e)}`,
    );
  }

  async refreshAlarm(alarmArn: string): Promise<AlarmDetail> {
    const body = await this.request<RefreshAnswer<AlarmDetail>>('alarms/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: alarmArn }),
    });
    return body.item;
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('aws');
    const res = await this.deps.fetchApi.fetch(`${base}/${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
