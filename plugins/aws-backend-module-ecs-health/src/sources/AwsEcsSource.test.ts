/*
 * Answers moto_server does not produce — capacity provider weights, a circuit
 * breaker that tripped, target health, hundreds of services over several
 * pages — are canned here with aws-sdk-client-mock.
 */
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
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClientFactory } from '@internal/plugin-aws-node';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsEcsSource } from './AwsEcsSource';

const target = { accountId: '111111111111', region: 'us-east-1' };
const cluster = 'arn:aws:ecs:us-east-1:111111111111:cluster/crm-production';
const serviceArn = (n: number) =>
  `arn:aws:ecs:us-east-1:111111111111:service/crm-production/svc-${n}`;
const tg = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/crm-core/abc';

function factoryWith(ecs: ECSClient, elb: ElasticLoadBalancingV2Client) {
  return {
    create: async (Client: unknown) =>
      Client === ECSClient ? ecs : elb,
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

    const services = await new AwsEcsSource(factoryWith(ecs, elb)).collectTarget(
      target,
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

    const [svc] = await new AwsEcsSource(factoryWith(ecs, elb)).collectTarget(target);

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
          containerPort: 3002,
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
