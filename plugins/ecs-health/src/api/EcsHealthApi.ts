import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { SummaryAnswer } from '@internal/plugin-aws-common';
import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import type {
  EcsServiceHealth,
  EntityHealthResponse,
  FleetResponse,
  RefreshResponse,
} from '@internal/plugin-ecs-health-common';
import { AwsPortalClient } from '@internal/plugin-aws-react';

/** @public */
export interface EcsHealthApi {
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
export const ecsHealthApiRef = createApiRef<EcsHealthApi>({
  id: 'plugin.ecs-health.api',
});

/** @public */
export class EcsHealthClient extends AwsPortalClient implements EcsHealthApi {
  // ECS health is the `ecs-health` source of the AWS collection plugin.
  async getFleet(): Promise<FleetResponse> {
    return this.get('ecs-health/fleet');
  }

  async getEntityHealth(e: CompoundEntityRef): Promise<EntityHealthResponse> {
    return this.get(`ecs-health/entity/${AwsPortalClient.entityPath(e)}`);
  }

  async refreshService(serviceArn: string): Promise<EcsServiceHealth> {
    const body = await this.post<RefreshResponse>('ecs-health/refresh', { key: serviceArn });
    return body.item;
  }

  async getAlarmsSummary(): Promise<SummaryAnswer<AlarmsSummary> | undefined> {
    try {
      return await this.get<SummaryAnswer<AlarmsSummary>>('alarms/summary');
    } catch {
      return undefined;
    }
  }
}
