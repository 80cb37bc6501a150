import { mockServices } from '@backstage/backend-test-utils';
import type { EcsServiceSnapshot } from '@internal/plugin-ecs-health-common';
import type { AwsClientFactory, CollectContext } from '@internal/plugin-aws-node';

/** What the collection runner hands the ECS source, for calling it directly. */
export function collectContext(
  clients: AwsClientFactory,
  previous: EcsServiceSnapshot[] = [],
): CollectContext<EcsServiceSnapshot> {
  return {
    clients,
    previous: previous.map(s => ({
      key: s.serviceArn,
      accountId: s.accountId,
      region: s.region,
      tags: s.tags,
      data: s,
      collectedAt: new Date().toISOString(),
    })),
    logger: mockServices.logger.mock(),
    now: new Date(),
  };
}
