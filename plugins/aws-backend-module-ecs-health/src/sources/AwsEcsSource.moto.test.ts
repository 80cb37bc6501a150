/*
 * The real AWS source against moto_server: what it collects and how many
 * calls it makes for it. moto runs no load balancer, so the fleet builder
 * publishes the target groups' HealthyHostCount/UnHealthyHostCount itself;
 * everything else (clusters, services, task definitions, ALB, target groups,
 * listener rules, stopped tasks, GetMetricData) is moto's own.
 */
import { ConfigReader } from '@backstage/config';
import {
  AwsClientFactory,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  actionsMissingFromPolicy,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { collectContext } from '../__testUtils__/collectContext';
import { buildMotoFleet } from '../__testUtils__/motoFleet';
import { AwsEcsSource } from './AwsEcsSource';

jest.setTimeout(180_000);

const moto = useMotoServer();

function factoryFor(endpoint: string) {
  const config = new ConfigReader(
    motoPortalConfig({
      endpoint,
      regions: ['us-east-1', 'us-west-2'],
      assumeRoleInto: ['222222222222'],
    }),
  );
  return {
    factory: AwsClientFactory.fromConfig(config),
    accountRegions: readAwsPortalSettings(config).accountRegions,
  };
}

const source = new AwsEcsSource();

it('collects every service with its deployments, tags, task definition, stopped tasks and target health; the second time without describing task definitions again', async () => {
  const { factory, accountRegions } = factoryFor(moto().endpoint);
  const shape = { clustersPerTarget: 2, servicesPerCluster: 12, stoppedTasksPerCluster: 2, unhealthyEvery: 10 };
  await buildMotoFleet(factory, accountRegions, shape);
  factory.calls.reset();

  const where = accountRegions[3]; // 222222222222 / us-west-2, reached by assume-role
  const services = await source.collectAccountRegion(where, collectContext(factory));

  expect(services).toHaveLength(24);
  const svc = services.find(s => s.serviceName === 'svc-1-0')!;
  expect(svc).toMatchObject({
    accountId: '222222222222',
    region: 'us-west-2',
    clusterName: 'cluster-1',
    serviceArn: 'arn:aws:ecs:us-west-2:222222222222:service/cluster-1/svc-1-0',
    desiredCount: 2,
    // moto keeps neither the capacity provider strategy nor the circuit
    // breaker; AwsEcsSource.test.ts checks those against a canned answer.
    taskDefinition: { family: 'svc-1-0', cpu: '512', memory: '1024', logGroup: '/ecs/svc-1-0' },
    tags: { Project: 'project-1', Component: 'svc-1-0', Environment: 'production' },
  });
  expect(svc.deployments[0]).toMatchObject({ status: 'PRIMARY', desiredCount: 2 });
  expect(svc.stoppedTasks).toHaveLength(1);
  expect(svc.stoppedTasks[0].stoppedReason).toBe('Task failed ELB health checks');
  expect(svc.targetHealth[0]).toMatchObject({ containerPort: 8080, healthyCount: 2, unhealthyCount: 0, targets: [] });
  expect(svc.targetHealth[0].loadBalancerArn).toMatch(/:loadbalancer\/app\/alb-1\//);
  // svc-0-0 and svc-0-10 report an unhealthy target: only those are described.
  const unhealthy = services.filter(s => (s.targetHealth[0].unhealthyCount ?? 0) > 0);
  expect(unhealthy.map(s => s.serviceName).sort()).toEqual(['svc-0-0', 'svc-0-10', 'svc-1-8']);

  // Lower bound: 1 ListClusters + per cluster (1 ListServices, 2 DescribeServices
  // of 10+2, 1 ListTasks, 1 DescribeTasks) + 24 task definitions, first seen;
  // 1 DescribeTargetGroups page, 48 metric queries in 1 GetMetricData, and
  // DescribeTargetHealth for the 3 groups that report unhealthy targets.
  expect(actionsMissingFromPolicy(factory.calls.byOperation())).toEqual([]);
  expect(factory.calls.byOperation()).toEqual({
    'CloudWatchClient.GetMetricDataCommand': 1,
    'ECSClient.DescribeServicesCommand': 4,
    'ECSClient.DescribeTaskDefinitionCommand': 24,
    'ECSClient.DescribeTasksCommand': 2,
    'ECSClient.ListClustersCommand': 1,
    'ECSClient.ListServicesCommand': 2,
    'ECSClient.ListTasksCommand': 2,
    'ElasticLoadBalancingV2Client.DescribeTargetGroupsCommand': 1,
    'ElasticLoadBalancingV2Client.DescribeTargetHealthCommand': 3,
  });

  // The next refresh knows every task definition from the last snapshots.
  factory.calls.reset();
  const again = await source.collectAccountRegion(where, collectContext(factory, services));
  expect(again.find(s => s.serviceName === 'svc-1-0')!.taskDefinition).toEqual(svc.taskDefinition);
  expect(factory.calls.byOperation()['ECSClient.DescribeTaskDefinitionCommand']).toBeUndefined();
  expect(factory.calls.total()).toBe(16);
});

it('refreshes one service with its own calls only, describing its targets', async () => {
  const { factory, accountRegions } = factoryFor(moto().endpoint);
  const where = accountRegions[3];
  factory.calls.reset();
  const svc = await source.collectService(
    where,
    'arn:aws:ecs:us-west-2:222222222222:cluster/cluster-0',
    'svc-0-1',
    collectContext(factory),
  );
  expect(svc).toMatchObject({ serviceName: 'svc-0-1', clusterName: 'cluster-0' });
  expect(svc!.stoppedTasks).toHaveLength(1);
  expect(svc!.targetHealth[0]).toMatchObject({ healthyCount: 0, unhealthyCount: 0, targets: [] });
  expect(factory.calls.byOperation()['ElasticLoadBalancingV2Client.DescribeTargetHealthCommand']).toBe(1);
  expect(
    await source.collectService(
      where,
      'arn:aws:ecs:us-west-2:222222222222:cluster/cluster-0',
      'no-such-service',
      collectContext(factory),
    ),
  ).toBeUndefined();
});
