import {
  createApiRef,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { SummaryAnswer } from '@internal/plugin-aws-common';
import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import type {
  EcsServiceHealth,
  EntityHealthResponse,
  FleetResponse,
  RefreshResponse,
} from '@internal/plugin-aws-health-common';

/** @public */
export interface AwsHealthApi {
  getFleet(): Promise<FleetResponse>;
  getEntityHealth(entity: CompoundEntityRef): Promise<EntityHealthResponse>;
  refreshService(serviceArn: string): Promise<EcsServiceHealth>;
  /**
   * Alarm counts by entity from the `alarms` source; undefined when this
   * portal has no alarms source or it cannot answer (the health pages then
   * show no counts rather than fail).
   */
  getAlarmsSummary(): Promise<SummaryAnswer<AlarmsSummary> | undefined>;
}

/** @public */
export const awsHealthApiRef = createApiRef<AwsHealthApi>({
  id: 'plugin.aws-health.api',
});

/** @public */
export class AwsHealthClient implements AwsHealthApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getFleet(): Promise<FleetResponse> {
    return this.get('/fleet');
  }

  async getEntityHealth(e: CompoundEntityRef): Promise<EntityHealthResponse> {
    const path = [e.namespace, e.kind, e.name].map(encodeURIComponent).join('/');
    return this.get(`/entity/${path}`);
  }

  async refreshService(serviceArn: string): Promise<EcsServiceHealth> {
    const body: RefreshResponse = await this.request('/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: serviceArn }),
    });
    return body.item;
  }

  async getAlarmsSummary(): Promise<SummaryAnswer<AlarmsSummary> | undefined> {
    try {
      const base = await this.deps.discoveryApi.getBaseUrl('aws');
      const res = await this.deps.fetchApi.fetch(`${base}/alarms/summary`);
      return res.ok ? await res.json() : undefined;
    } catch {
      return undefined;
    }
  }

  private get<T>(path: string): Promise<T> {
    return this.request(path, {});
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    // ECS health is the `ecs-health` source of the AWS collection plugin.
    const base = `${await this.deps.discoveryApi.getBaseUrl('aws')}/ecs-health`;
    const res = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
