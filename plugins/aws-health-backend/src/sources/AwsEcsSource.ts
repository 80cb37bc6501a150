import {
  type ContainerDefinition,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  type Service,
  type Task,
  paginateListClusters,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  EVENTS_KEPT,
  type EcsServiceSnapshot,
  type StoppedTask,
  type TargetGroupHealth,
} from '@internal/plugin-aws-health-common';
import type { AwsClientFactory, WatchedTarget } from '@internal/plugin-aws-node';
import pLimit from 'p-limit';
import type { EcsSource } from './EcsSource';

/** API limits: DescribeServices takes 10 services, DescribeTasks 100 tasks. */
const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_TASKS_BATCH = 100;
const PAGE_SIZE = 100;
/** Concurrent AWS calls per account × region. */
const CONCURRENCY = 8;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);

interface TaskDefinitionInfo {
  family?: string;
  revision?: number;
  cpu?: string;
  memory?: string;
  logGroup?: string;
}

/**
 * Collects ECS health from AWS: every page of every list, descriptions in the
 * largest batches the APIs take, one DescribeTaskDefinition per distinct task
 * definition and one DescribeTargetHealth per target group.
 */
export class AwsEcsSource implements EcsSource {
  constructor(private readonly clients: AwsClientFactory) {}

  async collectTarget(target: WatchedTarget): Promise<EcsServiceSnapshot[]> {
    const ecs = await this.clients.create(ECSClient, target);
    const limit = pLimit(CONCURRENCY);

    const clusterArns: string[] = [];
    for await (const page of paginateListClusters(
      { client: ecs },
      { maxResults: PAGE_SIZE },
    )) {
      clusterArns.push(...(page.clusterArns ?? []));
    }

    const perCluster = await Promise.all(
      clusterArns.map(async clusterArn => {
        const [services, stopped] = await Promise.all([
          this.describeClusterServices(ecs, clusterArn, limit),
          this.stoppedTasks(ecs, clusterArn, undefined, limit),
        ]);
        return { clusterArn, services, stopped };
      }),
    );

    const taskDefs = await this.describeTaskDefinitions(
      ecs,
      perCluster.flatMap(c => c.services),
      limit,
    );
    const targetHealth = await this.describeTargetHealth(
      target,
      perCluster.flatMap(c => c.services),
      limit,
    );

    return perCluster.flatMap(({ clusterArn, services, stopped }) =>
      services.map(s =>
        this.toSnapshot(target, clusterArn, s, stopped, taskDefs, targetHealth),
      ),
    );
  }

  async collectService(
    target: WatchedTarget,
    clusterArn: string,
    serviceName: string,
  ): Promise<EcsServiceSnapshot | undefined> {
    const ecs = await this.clients.create(ECSClient, target);
    const limit = pLimit(CONCURRENCY);
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({
        cluster: clusterArn,
        services: [serviceName],
        include: ['TAGS'],
      }),
    );
    const service = services.find(s => s.status !== 'INACTIVE');
    if (!service) return undefined;
    const [stopped, taskDefs, targetHealth] = await Promise.all([
      this.stoppedTasks(ecs, clusterArn, serviceName, limit),
      this.describeTaskDefinitions(ecs, [service], limit),
      this.describeTargetHealth(target, [service], limit),
    ]);
    return this.toSnapshot(
      target,
      clusterArn,
      service,
      stopped,
      taskDefs,
      targetHealth,
    );
  }

  private async describeClusterServices(
    ecs: ECSClient,
    cluster: string,
    limit: pLimit.Limit,
  ): Promise<Service[]> {
    const arns: string[] = [];
    for await (const page of paginateListServices(
      { client: ecs },
      { cluster, maxResults: PAGE_SIZE },
    )) {
      arns.push(...(page.serviceArns ?? []));
    }
    const batches = await Promise.all(
      chunks(arns, DESCRIBE_SERVICES_BATCH).map(batch =>
        limit(async () => {
          const out = await ecs.send(
            new DescribeServicesCommand({
              cluster,
              services: batch,
              include: ['TAGS'],
            }),
          );
          return out.services ?? [];
        }),
      ),
    );
    return batches.flat().filter(s => s.status !== 'INACTIVE');
  }

  /** Stopped tasks of a cluster (or of one service), grouped by service name. */
  private async stoppedTasks(
    ecs: ECSClient,
    cluster: string,
    serviceName: string | undefined,
    limit: pLimit.Limit,
  ): Promise<Map<string, Task[]>> {
    const arns: string[] = [];
    for await (const page of paginateListTasks(
      { client: ecs },
      {
        cluster,
        serviceName,
        desiredStatus: 'STOPPED',
        maxResults: PAGE_SIZE,
      },
    )) {
      arns.push(...(page.taskArns ?? []));
    }
    const batches = await Promise.all(
      chunks(arns, DESCRIBE_TASKS_BATCH).map(batch =>
        limit(async () => {
          const out = await ecs.send(
            new DescribeTasksCommand({ cluster, tasks: batch }),
          );
          return out.tasks ?? [];
        }),
      ),
    );
    const byService = new Map<string, Task[]>();
    for (const task of batches.flat()) {
      const name = task.group?.startsWith('service:')
        ? task.group.slice('service:'.length)
        : undefined;
      if (!name) continue;
      const list = byService.get(name) ?? [];
      list.push(task);
      byService.set(name, list);
    }
    return byService;
  }

  private async describeTaskDefinitions(
    ecs: ECSClient,
    services: Service[],
    limit: pLimit.Limit,
  ): Promise<Map<string, TaskDefinitionInfo>> {
    const arns = new Set(
      services.map(s => s.taskDefinition).filter((a): a is string => !!a),
    );
    const entries = await Promise.all(
      [...arns].map(arn =>
        limit(async (): Promise<[string, TaskDefinitionInfo]> => {
          const { taskDefinition: td } = await ecs.send(
            new DescribeTaskDefinitionCommand({ taskDefinition: arn }),
          );
          const container: ContainerDefinition | undefined =
            td?.containerDefinitions?.find(c => c.essential !== false) ??
            td?.containerDefinitions?.[0];
          const logOptions =
            container?.logConfiguration?.logDriver === 'awslogs'
              ? container.logConfiguration.options
              : undefined;
          return [
            arn,
            {
              family: td?.family,
              revision: td?.revision,
              cpu: td?.cpu,
              memory: td?.memory,
              logGroup: logOptions?.['awslogs-group'],
            },
          ];
        }),
      ),
    );
    return new Map(entries);
  }

  private async describeTargetHealth(
    target: WatchedTarget,
    services: Service[],
    limit: pLimit.Limit,
  ): Promise<Map<string, TargetGroupHealth['targets']>> {
    const groups = new Set(
      services.flatMap(s =>
        (s.loadBalancers ?? [])
          .map(lb => lb.targetGroupArn)
          .filter((a): a is string => !!a),
      ),
    );
    if (groups.size === 0) return new Map();
    const elb = await this.clients.create(ElasticLoadBalancingV2Client, target);
    const entries = await Promise.all(
      [...groups].map(arn =>
        limit(async (): Promise<[string, TargetGroupHealth['targets']]> => {
          const out = await elb.send(
            new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
          );
          return [
            arn,
            (out.TargetHealthDescriptions ?? []).map(d => ({
              id: d.Target?.Id ?? '',
              port: d.Target?.Port,
              state: d.TargetHealth?.State ?? 'unavailable',
              reason: d.TargetHealth?.Reason,
              description: d.TargetHealth?.Description,
            })),
          ];
        }),
      ),
    );
    return new Map(entries);
  }

  private toSnapshot(
    target: WatchedTarget,
    clusterArn: string,
    s: Service,
    stoppedByService: Map<string, Task[]>,
    taskDefs: Map<string, TaskDefinitionInfo>,
    targetHealth: Map<string, TargetGroupHealth['targets']>,
  ): EcsServiceSnapshot {
    const serviceName = s.serviceName ?? '';
    const stopped: StoppedTask[] = (stoppedByService.get(serviceName) ?? [])
      .map(t => ({
        taskArn: t.taskArn ?? '',
        taskDefinition: t.taskDefinitionArn,
        stoppedAt: iso(t.stoppedAt),
        stopCode: t.stopCode,
        stoppedReason: t.stoppedReason,
        containers: (t.containers ?? []).map(c => ({
          name: c.name ?? '',
          exitCode: c.exitCode,
          reason: c.reason,
        })),
      }))
      .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
    const td = taskDefs.get(s.taskDefinition ?? '') ?? {};
    const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker;
    return {
      accountId: target.accountId,
      region: target.region,
      clusterArn,
      clusterName: clusterArn.slice(clusterArn.lastIndexOf('/') + 1),
      serviceName,
      serviceArn: s.serviceArn ?? '',
      serviceStatus: s.status ?? 'ACTIVE',
      desiredCount: s.desiredCount ?? 0,
      runningCount: s.runningCount ?? 0,
      pendingCount: s.pendingCount ?? 0,
      launchType: s.launchType,
      capacityProviderStrategy: (s.capacityProviderStrategy ?? []).map(c => ({
        capacityProvider: c.capacityProvider ?? '',
        weight: c.weight ?? 0,
        base: c.base ?? 0,
      })),
      taskDefinition: { arn: s.taskDefinition ?? '', ...td },
      circuitBreaker: breaker
        ? { enable: !!breaker.enable, rollback: !!breaker.rollback }
        : undefined,
      deployments: (s.deployments ?? []).map(d => ({
        id: d.id ?? '',
        status: d.status ?? '',
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
        taskDefinition: d.taskDefinition ?? '',
        desiredCount: d.desiredCount ?? 0,
        runningCount: d.runningCount ?? 0,
        pendingCount: d.pendingCount ?? 0,
        failedTasks: d.failedTasks ?? 0,
        createdAt: iso(d.createdAt),
        updatedAt: iso(d.updatedAt),
      })),
      events: (s.events ?? []).slice(0, EVENTS_KEPT).map(e => ({
        id: e.id ?? '',
        createdAt: iso(e.createdAt) ?? '',
        message: e.message ?? '',
      })),
      stoppedTasks: stopped,
      targetHealth: (s.loadBalancers ?? [])
        .filter(lb => lb.targetGroupArn)
        .map(lb => ({
          targetGroupArn: lb.targetGroupArn!,
          containerName: lb.containerName,
          containerPort: lb.containerPort,
          targets: targetHealth.get(lb.targetGroupArn!) ?? [],
        })),
      tags: Object.fromEntries(
        (s.tags ?? []).map(t => [t.key ?? '', t.value ?? '']),
      ),
      createdAt: iso(s.createdAt),
    };
  }
}
