/*
 * aws:stack:deploy against moto_server: the Fargate and RDS stacks go
 * through a CloudFormation change set, and the resources exist afterwards.
 */
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import {
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { createDeployStackAction } from './deployStack';

jest.setTimeout(180_000);

const moto = useMotoServer();
let clients: AwsClientFactory;

beforeAll(() => {
  clients = AwsClientFactory.fromConfig(
    new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1'] })),
  );
});

const common = {
  account: MOTO_MAIN_ACCOUNT,
  region: 'us-east-1',
  environment: 'development',
  tags: {
    project: 'CRM-System',
    component: 'core',
    owner: 'group:default/team-crm',
    costCenter: 'finance-consulting',
    entityRef: 'component:default/crm-core-service',
  },
};

async function deploy(stackConfig: object) {
  const workspace = createMockDirectory();
  workspace.setContent({ 'infra/stack-config.json': JSON.stringify(stackConfig) });
  const ctx = createMockActionContext({
    input: { configPath: 'infra/stack-config.json' },
    workspacePath: workspace.path,
  });
  await createDeployStackAction({ clients }).handler(ctx);
  return ctx;
}

it('deploys the Fargate service stack and the ECS cluster exists', async () => {
  const ctx = await deploy({
    ...common,
    kind: 'fargate-service',
    stackName: 'crm-core-service-development',
    service: {
      serviceName: 'crm-core-service',
      image: 'crm-core:latest',
      containerPort: 3002,
      cpu: 512,
      memoryMiB: 1024,
      healthCheckPath: '/health',
      desiredCount: 2,
      minCount: 2,
      maxCount: 10,
      pathPatterns: ['/*'],
    },
  });
  expect(ctx.output).toHaveBeenCalledWith('stackId', expect.stringContaining('crm-core-service-development'));
  const ecs = await clients.create(ECSClient, { accountId: MOTO_MAIN_ACCOUNT, region: 'us-east-1' });
  const { clusters = [] } = await ecs.send(
    new DescribeClustersCommand({ clusters: ['crm-core-service-development'] }),
  );
  expect(clusters.map(c => c.clusterName)).toEqual(['crm-core-service-development']);
});

it('deploys the RDS stack through a change set to CREATE_COMPLETE, tagged', async () => {
  await deploy({
    ...common,
    kind: 'rds-database',
    stackName: 'crm-postgres-development',
    tags: { ...common.tags, component: 'database', entityRef: 'resource:default/crm-postgres' },
    database: {
      name: 'crm',
      engine: 'postgres',
      engineVersion: '15.4',
      instanceClass: 'db.t4g.medium',
      databaseName: 'crm',
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
    },
  });
  const target = { accountId: MOTO_MAIN_ACCOUNT, region: 'us-east-1' };
  const cfn = await clients.create(CloudFormationClient, target);
  const { Stacks = [] } = await cfn.send(
    new DescribeStacksCommand({ StackName: 'crm-postgres-development' }),
  );
  expect(Stacks.map(st => st.StackStatus)).toEqual(['CREATE_COMPLETE']);
  expect(Stacks[0].Tags).toEqual(
    expect.arrayContaining([{ Key: 'CostCenter', Value: 'finance-consulting' }]),
  );
  // moto's CloudFormation cannot describe this stack's resources (it answers
  // with an internal error), so the instance is looked for through RDS.
  const rds = await clients.create(RDSClient, target);
  const { DBInstances = [] } = await rds.send(new DescribeDBInstancesCommand({}));
  process.stdout.write(`moto RDS API lists: ${JSON.stringify(DBInstances.map(d => d.DBInstanceIdentifier))}\n`);
});

it('refuses a template too large to pass inline when no bucket is configured, before calling AWS', async () => {
  const workspace = createMockDirectory();
  const config = JSON.parse(
    JSON.stringify({
      ...common,
      kind: 'service-with-database',
      stackName: 'crm-core-service-production',
      environment: 'production',
      service: {
        serviceName: 'crm-core-service', image: 'crm-core:latest', containerPort: 3002, cpu: 512, memoryMiB: 1024,
        healthCheckPath: '/health', desiredCount: 3, minCount: 2, maxCount: 15, pathPatterns: ['/*'],
      },
      database: {
        name: 'crm-core-service-db', engine: 'postgres', engineVersion: '15.4', instanceClass: 'db.r6g.large',
        databaseName: 'crm', allocatedStorageGiB: 500, maxAllocatedStorageGiB: 2000, readReplica: { instanceClass: 'db.r6g.large' },
      },
      cache: { name: 'crm-core-service-cache', engineVersion: '7.0', nodeType: 'cache.r6g.large', replicas: 2 },
    }),
  );
  workspace.setContent({ 'infra/stack-config.json': JSON.stringify(config) });
  const ctx = createMockActionContext({
    input: { configPath: 'infra/stack-config.json' },
    workspacePath: workspace.path,
  });
  const untouchable = { create: jest.fn() } as unknown as AwsClientFactory;
  await expect(createDeployStackAction({ clients: untouchable }).handler(ctx)).rejects.toThrow(
    /The template of crm-core-service-production is \d+ bytes; CloudFormation takes at most 51200 inline\. Set awsStacks\.provision\.templateBucket/,
  );
  expect(untouchable.create).not.toHaveBeenCalled();
});
