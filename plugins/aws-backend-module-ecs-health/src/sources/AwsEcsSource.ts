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
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AccountRegion } from '@internal/plugin-aws-common';
import {
  EVENTS_KEPT,
  type EcsServiceSnapshot,
  type StoppedTask,
  type TargetGroupHealth,
} from '@internal/plugin-ecs-health-common';
import {
  type CollectContext,
  createCloudWatchClient,
  readMetricData,
} from '@internal/plugin-aws-node';
import pLimit from 'p-limit';

/** API limits: DescribeServices takes 10 services, DescribeTasks 100 tasks. */
const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_TASKS_BATCH = 100;
const PAGE_SIZE = 100;
/** DescribeTargetGroups pages hold up to 400 groups. */
const TARGET_GROUP_PAGE = 400;
/** How far back to look for the load balancer's one-minute health counts. */
const METRIC_WINDOW_MS = 10 * 60_000;
/** Concurrent AWS calls per account × region. */
const CONCURRENCY = 8;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);

type TaskDefinitionInfo = Omit<EcsServiceSnapshot['taskDefinition'], 'arn'>;
type GroupHealth = Omit<TargetGroupHealth, 'targetGroupArn' | 'containerName' | 'containerPort'>;
type Context = CollectContext<EcsServiceSnapshot>;

/** The resource part of an ARN: `targetgroup/name/id`, `loadbalancer/app/name/id`. */
const arnResource = (arn: string) => arn.split(':').slice(5).join(':');

/**
 * Task definitions are immutable by ARN: the last snapshots already hold what
 * was described, so only new revisions are described again.
 */
function knownTaskDefinitions(context: Context): Map<string, TaskDefinitionInfo> {
  const known = new Map<string, TaskDefinitionInfo>();
  for (const { data } of context.previous) {
    const { arn, ...info } = data.taskDefinition;
    if (arn && info.family) known.set(arn, info);
  }
  return known;
}

/**
 * Collects ECS health from AWS: every page of every list, descriptions in the
 * largest batches the APIs take, DescribeTaskDefinition only for task
 * definitions not seen before, target health in bulk from CloudWatch and
 * DescribeTargetHealth only for target groups that report unhealthy targets.
 */
export class AwsEcsSource {
  async collectAccountRegion(
    accountRegion: AccountRegion,
    context: Context,
  ): Promise<EcsServiceSnapshot[]> {
    const ecs = await context.clients.create(ECSClient, accountRegion);
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

    const services = perCluster.flatMap(c => c.services);
    const [taskDefs, targetHealth] = await Promise.all([
      this.describeTaskDefinitions(ecs, services, knownTaskDefinitions(context), limit),
      this.readTargetHealth(accountRegion, services, context, limit),
    ]);

    return perCluster.flatMap(({ clusterArn, services: inCluster, stopped }) =>
      inCluster.map(s =>
        this.toSnapshot(accountRegion, clusterArn, s, stopped, taskDefs, targetHealth),
      ),
    );
  }

  /** One service, for a user's refresh: its targets are described, not counted. */
  async collectService(
    accountRegion: AccountRegion,
    clusterArn: string,
    serviceName: string,
    context: Context,
  ): Promise<EcsServiceSnapshot | undefined> {
    const ecs = await context.clients.create(ECSClient, accountRegion);
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
      this.describeTaskDefinitions(ecs, [service], knownTaskDefinitions(context), limit),
      this.describeTargetHealth(accountRegion, groupsOf([service]), context, limit),
    ]);
    return this.toSnapshot(
      accountRegion,
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
    known: Map<string, TaskDefinitionInfo>,
    limit: pLimit.Limit,
  ): Promise<Map<string, TaskDefinitionInfo>> {
    const unknown = new Set(
      services
        .map(s => s.taskDefinition)
        .filter((a): a is string => !!a && !known.has(a)),
    );
    const entries = await Promise.all(
      [...unknown].map(arn =>
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
    return new Map([...known, ...entries]);
  }

  /**
   * Target health in bulk: each group's load balancer from
   * DescribeTargetGroups (400 a page), its latest healthy and unhealthy counts
   * from CloudWatch (500 queries a call), and DescribeTargetHealth only for
   * the groups that report unhealthy targets, for the reasons.
   */
  private async readTargetHealth(
    accountRegion: AccountRegion,
    services: Service[],
    context: Context,
    limit: pLimit.Limit,
  ): Promise<Map<string, GroupHealth>> {
    const groups = groupsOf(services);
    if (groups.size === 0) return new Map();
    const elb = await context.clients.create(ElasticLoadBalancingV2Client, accountRegion);
    const loadBalancerOf = new Map<string, string>();
    for await (const page of paginateDescribeTargetGroups(
      { client: elb, pageSize: TARGET_GROUP_PAGE },
      {},
    )) {
      for (const group of page.TargetGroups ?? []) {
        const lb = group.LoadBalancerArns?.[0];
        if (group.TargetGroupArn && lb && groups.has(group.TargetGroupArn)) {
          loadBalancerOf.set(group.TargetGroupArn, lb);
        }
      }
    }

    const counts = await this.readHostCounts(accountRegion, loadBalancerOf, context);
    const health = new Map<string, GroupHealth>();
    for (const arn of groups) {
      health.set(arn, {
        loadBalancerArn: loadBalancerOf.get(arn),
        ...counts.get(arn),
        targets: [],
      });
    }
    const unhealthy = [...health.entries()]
      .filter(([, h]) => (h.unhealthyCount ?? 0) > 0)
      .map(([arn]) => arn);
    const described = await this.describeTargetHealth(
      accountRegion,
      new Set(unhealthy),
      context,
      limit,
    );
    for (const [arn, detail] of described) {
      health.set(arn, { ...health.get(arn)!, targets: detail.targets });
    }
    return health;
  }

  /** Latest HealthyHostCount and UnHealthyHostCount per target group. */
  private async readHostCounts(
    accountRegion: AccountRegion,
    loadBalancerOf: Map<string, string>,
    context: Context,
  ): Promise<Map<string, { healthyCount?: number; unhealthyCount?: number }>> {
    const queries: MetricDataQuery[] = [];
    const groupOfQuery = new Map<string, { arn: string; field: 'healthyCount' | 'unhealthyCount' }>();
    let n = 0;
    for (const [arn, lb] of loadBalancerOf) {
      const lbDimension = arnResource(lb).replace(/^loadbalancer\//, '');
      const namespace = lbDimension.startsWith('net/') ? 'AWS/NetworkELB' : 'AWS/ApplicationELB';
      for (const [field, metric, stat] of [
        ['healthyCount', 'HealthyHostCount', 'Minimum'],
        ['unhealthyCount', 'UnHealthyHostCount', 'Maximum'],
      ] as const) {
        const id = `q${n++}`;
        groupOfQuery.set(id, { arn, field });
        queries.push({
          Id: id,
          MetricStat: {
            Metric: {
              Namespace: namespace,
              MetricName: metric,
              Dimensions: [
                { Name: 'TargetGroup', Value: arnResource(arn) },
                { Name: 'LoadBalancer', Value: lbDimension },
              ],
            },
            Period: 60,
            Stat: stat,
          },
          ReturnData: true,
        });
      }
    }
    const counts = new Map<string, { healthyCount?: number; unhealthyCount?: number }>();
    if (queries.length === 0) return counts;
    const cloudwatch = await createCloudWatchClient(context.clients, accountRegion);
    const end = context.now;
    const start = new Date(end.getTime() - METRIC_WINDOW_MS);
    const points = await readMetricData(cloudwatch, queries, { start, end }, { concurrency: 4 });
    for (const [id, series] of points) {
      const query = groupOfQuery.get(id);
      const latest = series[series.length - 1]?.[1];
      if (!query || latest === undefined) continue;
      const entry = counts.get(query.arn) ?? {};
      entry[query.field] = latest;
      counts.set(query.arn, entry);
    }
    return counts;
  }

  private async describeTargetHealth(
    accountRegion: AccountRegion,
    groups: Set<string>,
    context: Context,
    limit: pLimit.Limit,
  ): Promise<Map<string, GroupHealth>> {
    if (groups.size === 0) return new Map();
    const elb = await context.clients.create(ElasticLoadBalancingV2Client, accountRegion);
    const entries = await Promise.all(
      [...groups].map(arn =>
        limit(async (): Promise<[string, GroupHealth]> => {
          const out = await elb.send(
            new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
          );
          const targets = (out.TargetHealthDescriptions ?? []).map(d => ({
            id: d.Target?.Id ?? '',
            port: d.Target?.Port,
            state: d.TargetHealth?.State ?? 'unavailable',
            reason: d.TargetHealth?.Reason,
            description: d.TargetHealth?.Description,
          }));
          return [
            arn,
            {
              healthyCount: targets.filter(t => t.state === 'healthy').length,
              unhealthyCount: targets.filter(t => t.state === 'unhealthy').length,
              targets,
            },
          ];
        }),
      ),
    );
    return new Map(entries);
  }

  private toSnapshot(
    accountRegion: AccountRegion,
    clusterArn: string,
    s: Service,
    stoppedByService: Map<string, Task[]>,
    taskDefs: Map<string, TaskDefinitionInfo>,
    targetHealth: Map<string, GroupHealth>,
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
      accountId: accountRegion.accountId,
      region: accountRegion.region,
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
          ...(targetHealth.get(lb.targetGroupArn!) ?? { targets: [] }),
        })),
      tags: Object.fromEntries(
        (s.tags ?? []).map(t => [t.key ?? '', t.value ?? '']),
      ),
      createdAt: iso(s.createdAt),
    };
  }
}

function groupsOf(services: Service[]): Set<string> {
  return new Set(
    services.flatMap(s =>
      (s.loadBalancers ?? [])
        .map(lb => lb.targetGroupArn)
        .filter((a): a is string => !!a),
    ),
  );
}
