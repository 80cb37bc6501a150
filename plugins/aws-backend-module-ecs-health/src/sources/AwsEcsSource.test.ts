/*
 * Answers moto_server does not produce — capacity provider weights, a circuit
 * breaker that tripped, real load balancer target health and its CloudWatch
 * counts, hundreds of services over several pages — are canned here with
 * aws-sdk-client-mock.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClientFactory } from '@internal/plugin-aws-node';
import type { EcsServiceSnapshot } from '@internal/plugin-ecs-health-common';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../__testUtils__/collectContext';
import { AwsEcsSource } from './AwsEcsSource';

const target = { accountId: '111111111111', region: 'us-east-1' };
const cluster = 'arn:aws:ecs:us-east-1:111111111111:cluster/crm-production';
const serviceArn = (n: number) =>
  `arn:aws:ecs:us-east-1:111111111111:service/crm-production/svc-${n}`;
const tg = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/crm-core/abc';

const lb = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/crm/def';

function factoryWith(
  ecs: ECSClient,
  elb: ElasticLoadBalancingV2Client,
  cloudwatch = new CloudWatchClient({ region: 'us-east-1' }),
) {
  return {
    create: async (Client: unknown) => {
      if (Client === ECSClient) return ecs;
      return Client === CloudWatchClient ? cloudwatch : elb;
    },
  } as unknown as AwsClientFactory;
}

describe('AwsEcsSource', () => {
  it('follows every page and batches DescribeServices by 10', async () => {
    const ecs = new ECSClient({ region: 'us-east-1' });
    const elb = new ElasticLoadBalancingV2Client({ region: 'us-east-1' });
    const ecsMock = mockClient(ecs);
    mockClient(elb);
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [cluster] });
    ecsMock
      .on(ListServicesCommand)
      .resolvesOnce({
        serviceArns: Array.from({ length: 100 }, (_, i) => serviceArn(i)),
        nextToken: 'p2',
      })
      .resolvesOnce({
        serviceArns: Array.from({ length: 100 }, (_, i) => serviceArn(100 + i)),
        nextToken: 'p3',
      })
      .resolvesOnce({
        serviceArns: Array.from({ length: 35 }, (_, i) => serviceArn(200 + i)),
      });
    ecsMock.on(DescribeServicesCommand).callsFake(input => ({
      services: input.services.map((arn: string) => ({
        serviceArn: arn,
        serviceName: arn.split('/').pop(),
        status: 'ACTIVE',
        desiredCount: 1,
        runningCount: 1,
        taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/app:1',
      })),
    }));
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { family: 'app', revision: 1, cpu: '256', memory: '512' },
    });

    const services = await new AwsEcsSource().collectAccountRegion(
      target,
      collectContext(factoryWith(ecs, elb)),
    );

    expect(services).toHaveLength(235);
    expect(ecsMock.commandCalls(ListServicesCommand)).toHaveLength(3);
    const describeCalls = ecsMock.commandCalls(DescribeServicesCommand);
    expect(describeCalls).toHaveLength(24);
    expect(
      Math.max(...describeCalls.map(c => c.args[0].input.services!.length)),
    ).toBe(10);
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
  });

  it('maps weights, the circuit breaker, a failed rollout, stopped tasks and target health', async () => {
    const ecs = new ECSClient({ region: 'us-east-1' });
    const elb = new ElasticLoadBalancingV2Client({ region: 'us-east-1' });
    const ecsMock = mockClient(ecs);
    const elbMock = mockClient(elb);
    const cloudwatch = new CloudWatchClient({ region: 'us-east-1' });
    const cloudwatchMock = mockClient(cloudwatch);
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [cluster] });
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: [serviceArn(1)] });
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceArn: serviceArn(1),
          serviceName: 'svc-1',
          status: 'ACTIVE',
          desiredCount: 3,
          runningCount: 2,
          pendingCount: 1,
          taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/core:7',
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 70, base: 1 },
            { capacityProvider: 'FARGATE_SPOT', weight: 30 },
          ],
          deploymentConfiguration: {
            deploymentCircuitBreaker: { enable: true, rollback: true },
          },
          deployments: [
            {
              id: 'ecs-svc/1',
              status: 'PRIMARY',
              rolloutState: 'FAILED',
              rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
              taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/core:8',
              desiredCount: 3,
              runningCount: 0,
              failedTasks: 4,
            },
          ],
          events: Array.from({ length: 30 }, (_, i) => ({
            id: `e${i}`,
            createdAt: new Date(Date.UTC(2026, 10, 24, 12, 0, 59 - i)),
            message: `event ${i}`,
          })),
          loadBalancers: [
            { targetGroupArn: tg, containerName: 'core', containerPort: 3002 },
          ],
          tags: [{ key: 'Project', value: 'CRM-System' }],
        },
      ],
    });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t1'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 't1',
          group: 'service:svc-1',
          stoppedAt: new Date('2026-11-24T11:50:00Z'),
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          containers: [
            { name: 'core', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' },
          ],
        },
        { taskArn: 't2', group: 'family:other', containers: [] },
      ],
    });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        family: 'core',
        revision: 7,
        cpu: '512',
        memory: '1024',
        containerDefinitions: [
          {
            name: 'core',
            essential: true,
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': '/ecs/crm-core' },
            },
          },
        ],
      },
    });
    elbMock.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [{ TargetGroupArn: tg, LoadBalancerArns: [lb] }],
    });
    // As GetMetricData answers (ScanBy TimestampAscending): the newest point last.
    cloudwatchMock.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: input.MetricDataQueries.map((q: { Id: string }) => ({
        Id: q.Id,
        Timestamps: [new Date(Date.now() - 120_000), new Date(Date.now() - 60_000)],
        Values: [0, 1],
      })),
    }));
    elbMock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.11.5', Port: 3002 }, TargetHealth: { State: 'healthy' } },
        {
          Target: { Id: '10.0.12.9', Port: 3002 },
          TargetHealth: {
            State: 'unhealthy',
            Reason: 'Target.ResponseCodeMismatch',
            Description: 'Health checks failed with these codes: [503]',
          },
        },
      ],
    });

    const [svc] = await new AwsEcsSource().collectAccountRegion(
      target,
      collectContext(factoryWith(ecs, elb, cloudwatch)),
    );

    // The group's load balancer and its dimensions, as ALB publishes them.
    const [metrics] = cloudwatchMock.commandCalls(GetMetricDataCommand);
    expect(metrics.args[0].input.MetricDataQueries!.map(q => q.MetricStat)).toEqual([
      expect.objectContaining({
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HealthyHostCount',
          Dimensions: [
            { Name: 'TargetGroup', Value: 'targetgroup/crm-core/abc' },
            { Name: 'LoadBalancer', Value: 'app/crm/def' },
          ],
        },
      }),
      expect.objectContaining({ Metric: expect.objectContaining({ MetricName: 'UnHealthyHostCount' }) }),
    ]);

    expect(svc).toMatchObject({
      clusterName: 'crm-production',
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', weight: 70, base: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 30, base: 0 },
      ],
      circuitBreaker: { enable: true, rollback: true },
      taskDefinition: { family: 'core', revision: 7, logGroup: '/ecs/crm-core' },
      deployments: [{ rolloutState: 'FAILED', failedTasks: 4 }],
      stoppedTasks: [
        {
          taskArn: 't1',
          stoppedAt: '2026-11-24T11:50:00.000Z',
          containers: [{ name: 'core', exitCode: 137 }],
        },
      ],
      targetHealth: [
        {
          targetGroupArn: tg,
          loadBalancerArn: lb,
          containerPort: 3002,
          healthyCount: 1,
          unhealthyCount: 1,
          targets: [
            { id: '10.0.11.5', state: 'healthy' },
            { id: '10.0.12.9', state: 'unhealthy', reason: 'Target.ResponseCodeMismatch' },
          ],
        },
      ],
      tags: { Project: 'CRM-System' },
    });
    expect(svc.events).toHaveLength(10);
    expect(svc.events[0]).toMatchObject({ id: 'e0', message: 'event 0' });
  });
});

describe('AwsEcsSource in steady state', () => {
  it('describes only new task definitions and only target groups that report unhealthy targets', async () => {
    const ecs = new ECSClient({ region: 'us-east-1' });
    const elb = new ElasticLoadBalancingV2Client({ region: 'us-east-1' });
    const cloudwatch = new CloudWatchClient({ region: 'us-east-1' });
    const ecsMock = mockClient(ecs);
    const elbMock = mockClient(elb);
    const cloudwatchMock = mockClient(cloudwatch);
    const groups = Array.from({ length: 300 }, (_, i) => `${tg}${i}`);
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [cluster] });
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: groups.map((_, i) => serviceArn(i)) });
    ecsMock.on(DescribeServicesCommand).callsFake(input => ({
      services: input.services.map((arn: string) => {
        const n = Number(arn.split('-').pop());
        return {
          serviceArn: arn,
          serviceName: `svc-${n}`,
          status: 'ACTIVE',
          taskDefinition: `arn:aws:ecs:us-east-1:111111111111:task-definition/svc-${n}:${n === 7 ? 2 : 1}`,
          loadBalancers: [{ targetGroupArn: groups[n], containerPort: 80 }],
        };
      }),
    }));
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { family: 'svc-7', revision: 2, cpu: '256', memory: '512' },
    });
    elbMock.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: groups.map(g => ({ TargetGroupArn: g, LoadBalancerArns: [lb] })),
    });
    // Group 42 reports an unhealthy target; group 99 has no data points.
    let queries = 0;
    cloudwatchMock.on(GetMetricDataCommand).callsFake(input => {
      queries += input.MetricDataQueries.length;
      return {
        MetricDataResults: input.MetricDataQueries.map(
          (q: { Id: string; MetricStat: { Metric: { MetricName: string; Dimensions: Array<{ Value: string }> } } }) => {
            const group = q.MetricStat.Metric.Dimensions[0].Value;
            const unhealthy = group.endsWith('/abc42') ? 1 : 0;
            const value = q.MetricStat.Metric.MetricName === 'HealthyHostCount' ? 2 : unhealthy;
            return group.endsWith('/abc99')
              ? { Id: q.Id, Timestamps: [], Values: [] }
              : { Id: q.Id, Timestamps: [new Date(Date.now() - 60_000)], Values: [value] };
          },
        ),
      };
    });
    elbMock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.1.1', Port: 80 }, TargetHealth: { State: 'unhealthy', Description: 'Request timed out' } },
      ],
    });
    // Last snapshots knew revision 1 of every service.
    const previous = groups.map((_, n) => ({
      serviceArn: serviceArn(n),
      accountId: target.accountId,
      region: target.region,
      tags: {},
      taskDefinition: {
        arn: `arn:aws:ecs:us-east-1:111111111111:task-definition/svc-${n}:1`,
        family: `svc-${n}`,
        revision: 1,
        cpu: '256',
        memory: '512',
      },
    })) as unknown as EcsServiceSnapshot[];

    const services = await new AwsEcsSource().collectAccountRegion(
      target,
      collectContext(factoryWith(ecs, elb, cloudwatch), previous),
    );

    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand).map(c => c.args[0].input.taskDefinition)).toEqual([
      'arn:aws:ecs:us-east-1:111111111111:task-definition/svc-7:2',
    ]);
    expect(services.find(s => s.serviceName === 'svc-3')!.taskDefinition).toEqual(previous[3].taskDefinition);
    // 600 queries: two GetMetricData calls of at most 500.
    expect(queries).toBe(600);
    expect(cloudwatchMock.commandCalls(GetMetricDataCommand).map(c => c.args[0].input.MetricDataQueries!.length)).toEqual([500, 100]);
    expect(elbMock.commandCalls(DescribeTargetHealthCommand).map(c => c.args[0].input.TargetGroupArn)).toEqual([groups[42]]);
    const by = (n: number) => services.find(s => s.serviceName === `svc-${n}`)!.targetHealth[0];
    expect(by(42)).toMatchObject({ unhealthyCount: 1, targets: [{ id: '10.0.1.1', state: 'unhealthy' }] });
    expect(by(1)).toMatchObject({ healthyCount: 2, unhealthyCount: 0, targets: [] });
    expect(by(99)).toEqual(expect.objectContaining({ targets: [] }));
    expect(by(99).healthyCount).toBeUndefined();
  });
});
