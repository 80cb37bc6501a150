import type { EcsServiceSnapshot } from '@internal/plugin-aws-health-common';
import type { WatchedTarget } from '@internal/plugin-aws-node';

/**
 * Where ECS health comes from: real AWS or the built-in demo account.
 */
export interface EcsSource {
  /** Every service of one account × region. */
  collectTarget(target: WatchedTarget): Promise<EcsServiceSnapshot[]>;
  /** One service, for a user's refresh; undefined when it no longer exists. */
  collectService(
    target: WatchedTarget,
    clusterArn: string,
    serviceName: string,
  ): Promise<EcsServiceSnapshot | undefined>;
}
