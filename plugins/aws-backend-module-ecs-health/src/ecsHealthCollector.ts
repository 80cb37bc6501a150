import type { AccountRegion } from '@internal/plugin-aws-common';
import {
  type EcsServiceHealth,
  type EcsServiceSnapshot,
  type FleetServiceRow,
  assessService,
} from '@internal/plugin-ecs-health-common';
import type { AwsCollector, CollectedItem } from '@internal/plugin-aws-node';
import { AwsEcsSource } from './sources/AwsEcsSource';
import { demoEcsServices } from './sources/DemoEcsSource';

const SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/.+/;

const aws = new AwsEcsSource();

function toItem(s: EcsServiceSnapshot): CollectedItem<EcsServiceSnapshot> {
  return { key: s.serviceArn, accountId: s.accountId, region: s.region, tags: s.tags, data: s };
}

/**
 * ECS service health as a source of the collection pipeline: every service
 * of every watched account × region, with its deployments, stopped tasks and
 * load balancer target health; a status and its reasons derived at answer time.
 *
 * @public
 */
export const ecsHealthCollector: AwsCollector<
  EcsServiceSnapshot,
  FleetServiceRow,
  EcsServiceHealth
> = {
  id: 'ecs-health',
  itemNoun: 'ECS service',
  defaultSchedule: {
    frequency: { minutes: 5 },
    timeout: { minutes: 4 },
    initialDelay: { seconds: 3 },
  },

  async collect(accountRegion: AccountRegion, context) {
    return (await aws.collectAccountRegion(accountRegion, context)).map(toItem);
  },

  demo(accountRegion, now) {
    return demoEcsServices(accountRegion, now).map(toItem);
  },

  async refresh(item, context) {
    const { accountId, region, clusterArn, serviceName } = item.data;
    const fresh = await aws.collectService({ accountId, region }, clusterArn, serviceName, context);
    return fresh && toItem(fresh);
  },

  checkKey(key) {
    return SERVICE_ARN.test(key)
      ? undefined
      : 'The key must be an ECS service ARN (arn:aws:ecs:region:account:service/cluster/name).';
  },

  present({ data: s, collectedAt }, { now, owner }) {
    const verdict = assessService(s, now);
    const primary = s.deployments.find(d => d.status === 'PRIMARY') ?? s.deployments[0];
    return {
      detail: { ...s, ...verdict, collectedAt },
      row: {
        serviceArn: s.serviceArn,
        serviceName: s.serviceName,
        clusterName: s.clusterName,
        accountId: s.accountId,
        region: s.region,
        status: verdict.status,
        reason: verdict.reasons[0],
        desiredCount: s.desiredCount,
        runningCount: s.runningCount,
        pendingCount: s.pendingCount,
        rolloutState: primary?.rolloutState,
        environment: s.tags.Environment ?? owner?.environment,
        entityRef: owner?.entityRef,
        system: owner?.system,
        owner: owner?.owner,
        collectedAt,
      },
    };
  },

  compareRows(a, b) {
    return a.serviceName.localeCompare(b.serviceName) || a.serviceArn.localeCompare(b.serviceArn);
  },
};
