/*
 * The real AWS source against moto_server: what it collects and how many
 * calls it makes for it.
 */
import { ConfigReader } from '@backstage/config';
import {
  AwsClientFactory,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { buildMotoFleet } from '../__testUtils__/motoFleet';
import { AwsEcsSource } from './AwsEcsSource';

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
    targets: readAwsPortalSettings(config).targets,
  };
}

it('collects every service with its deployments, tags, task definition and stopped tasks', async () => {
  const { factory, targets } = factoryFor(moto().endpoint);
  const shape = { clustersPerTarget: 2, servicesPerCluster: 12, stoppedTasksPerCluster: 2 };
  await buildMotoFleet(factory, targets, shape);
  factory.calls.reset();

  const source = new AwsEcsSource(factory);
  const target = targets[3]; // 222222222222 / us-west-2, reached by assume-role
  const services = await source.collectTarget(target);

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
    taskDefinition: {
      family: 'app-1',
      cpu: '512',
      memory: '1024',
      logGroup: '/ecs/app-1',
    },
    tags: { Project: 'project-1', Component: 'svc-1-0', Environment: 'production' },
  });
  expect(svc.deployments[0]).toMatchObject({ status: 'PRIMARY', desiredCount: 2 });
  expect(svc.stoppedTasks).toHaveLength(1);
  expect(svc.stoppedTasks[0].stoppedReason).toBe('Task failed ELB health checks');

  // Lower bound for this target: 1 ListClusters + per cluster (1 ListServices,
  // 2 DescribeServices of 10+2, 1 ListTasks, 1 DescribeTasks) + 2 task definitions.
  expect(factory.calls.byOperation()).toEqual({
    'ECSClient.DescribeServicesCommand': 4,
    'ECSClient.DescribeTaskDefinitionCommand': 2,
    'ECSClient.DescribeTasksCommand': 2,
    'ECSClient.ListClustersCommand': 1,
    'ECSClient.ListServicesCommand': 2,
    'ECSClient.ListTasksCommand': 2,
  });
}, 120_000);

it('refreshes one service with its own calls only', async () => {
  const { factory, targets } = factoryFor(moto().endpoint);
  const source = new AwsEcsSource(factory);
  const target = targets[3];
  const svc = await source.collectService(
    target,
    'arn:aws:ecs:us-west-2:222222222222:cluster/cluster-0',
    'svc-0-1',
  );
  expect(svc).toMatchObject({ serviceName: 'svc-0-1', clusterName: 'cluster-0' });
  expect(svc!.stoppedTasks).toHaveLength(1);
  expect(
    await source.collectService(
      target,
      'arn:aws:ecs:us-west-2:222222222222:cluster/cluster-0',
      'no-such-service',
    ),
  ).toBeUndefined();
});
