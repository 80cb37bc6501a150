/*
 * aws:stack:deploy against moto_server, as a team would use the golden
 * paths: first a platform environment, then a Fargate service and a database
 * into it, which import the environment's CloudFormation exports.
 *
 * Three departures of moto 5.2.5 from AWS, handled here and named: its
 * CloudFormation reads AWS::KMS::Key Tags in the KMS API's shape, not
 * CloudFormation's, so the environment's (tagged) alerts key would fail the
 * stack ('kms-key-tags' fix); it hands an RDS instance its parameter group's
 * object where AWS resolves the Ref to a name, and every platform database
 * has its own parameter group (forced TLS), so CreateStack would answer 500
 * ('rds-parameter-group-ref' fix); it looks a cross-Region replica's subnet
 * group up in its source's Region ('rds-cross-region-replica' fix; all three
 * in aws-node's moto_fixes.py). And it cannot create a Cloud Map namespace
 * from a template, so the environments are deployed without internal services.
 */
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  CloudFormationClient,
  ListExportsCommand,
} from '@aws-sdk/client-cloudformation';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import {
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { createDeployStackAction } from './deployStack';

jest.setTimeout(180_000);

const moto = useMotoServer({ fixes: ['kms-key-tags', 'rds-parameter-group-ref', 'rds-cross-region-replica'] });
let clients: AwsClientFactory;

beforeAll(() => {
  clients = AwsClientFactory.fromConfig(
    new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1', 'us-west-2'] })),
  );
});

const target = { accountId: MOTO_MAIN_ACCOUNT, region: 'us-east-1' };
const common = {
  account: MOTO_MAIN_ACCOUNT,
  region: 'us-east-1',
  environment: 'development',
  environmentName: 'crm-development',
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

it('deploys a platform environment that exports its ids', async () => {
  const acm = await clients.create(ACMClient, target);
  const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'crm.example.com' }));
  const { environmentName, ...rest } = common;
  await deploy({
    ...rest,
    kind: 'platform-environment',
    stackName: 'platform-crm-development',
    tags: { ...common.tags, component: 'crm-development', entityRef: 'resource:default/crm-development' },
    // moto's CloudFormation cannot create a Cloud Map namespace
    // (AWS::ServiceDiscovery::PrivateDnsNamespace), so this environment is
    // built without one; the construct tests check the namespace's template.
    platformEnvironment: { name: environmentName, certificateArn: CertificateArn, internalServices: false },
  });
  const cfn = await clients.create(CloudFormationClient, target);
  const { Exports = [] } = await cfn.send(new ListExportsCommand({}));
  const exported = Object.fromEntries(Exports.map(e => [e.Name, e.Value]));
  expect(exported['platform-crm-development-cluster-name']).toBe('crm-development');
  expect(exported['platform-crm-development-availability-zones']).toBe('us-east-1a,us-east-1b');
  expect(exported['platform-crm-development-https-listener-arn']).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:\d{12}:listener\/app\//);
  expect(exported['platform-crm-development-services-security-group-id']).toMatch(/^sg-/);
  expect(exported['platform-crm-development-alerts-topic-arn']).toBe(`arn:aws:sns:us-east-1:${MOTO_MAIN_ACCOUNT}:crm-development-alerts`);
});

it('deploys a Fargate service into the environment: its cluster, a rule on its HTTPS listener', async () => {
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
  const ecs = await clients.create(ECSClient, target);
  const { services = [] } = await ecs.send(new DescribeServicesCommand({ cluster: 'crm-development', services: ['crm-core-service'] }));
  expect(services.map(sv => sv.serviceName)).toEqual(['crm-core-service']);
  const cfn = await clients.create(CloudFormationClient, target);
  const { Exports = [] } = await cfn.send(new ListExportsCommand({}));
  const listenerArn = Exports.find(e => e.Name === 'platform-crm-development-https-listener-arn')?.Value;
  const elb = await clients.create(ElasticLoadBalancingV2Client, target);
  const { Rules = [] } = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
  expect(Rules.filter(r => !r.IsDefault).map(r => [r.Priority, r.Conditions?.[0]?.PathPatternConfig?.Values ?? r.Conditions?.[0]?.Values])).toEqual([['100', ['/*']]]);
});

it('deploys a database into the environment: in its network, TLS forced, with a read replica', async () => {
  await deploy({
    ...common,
    kind: 'rds-database',
    stackName: 'crm-postgres-development',
    tags: { ...common.tags, component: 'database', entityRef: 'resource:default/crm-postgres' },
    database: {
      name: 'crm-postgres', engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.t4g.medium', databaseName: 'crm',
      allocatedStorageGiB: 50, maxAllocatedStorageGiB: 200, parameters: { log_min_duration_statement: '1000' }, readReplica: { instanceClass: 'db.t4g.medium' },
      // moto refuses a backup window that ends when the maintenance window
      // starts (it counts touching windows as overlapping); the CRM seed runs
      // 03:00-04:00 with sun:04:00-sun:05:00, the platform's defaults.
      backupWindow: '02:00-03:00',
    },
  });
  const rds = await clients.create(RDSClient, target);
  const { DBInstances = [] } = await rds.send(new DescribeDBInstancesCommand({}));
  const primary = DBInstances.find(i => i.DBInstanceIdentifier === 'crm-postgres-development');
  const replica = DBInstances.find(i => i.DBInstanceIdentifier === 'crm-postgres-development-replica');
  // (moto's CloudFormation drops EnableIAMDatabaseAuthentication; the construct's test reads it in the template.)
  expect(primary).toMatchObject({ Engine: 'postgres', EngineVersion: '15.19', DBInstanceClass: 'db.t4g.medium', StorageEncrypted: true, AllocatedStorage: 50 });
  // The replica names its source by ARN (the stack does), which moto echoes.
  expect(replica?.ReadReplicaSourceDBInstanceIdentifier).toMatch(/(^|:db:)crm-postgres-development$/);
  // In the environment's network: the subnet group's subnets are the environment's.
  const cfn = await clients.create(CloudFormationClient, target);
  const { Exports = [] } = await cfn.send(new ListExportsCommand({}));
  const vpcId = Exports.find(e => e.Name === 'platform-crm-development-vpc-id')?.Value;
  expect(primary?.DBSubnetGroup?.VpcId).toBe(vpcId);
  // TLS forced in the instance's own parameter group, whatever the form said.
  const group = primary?.DBParameterGroups?.[0]?.DBParameterGroupName;
  const { Parameters = [] } = await rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: group, Source: 'user' }));
  expect(Object.fromEntries(Parameters.map(p => [p.ParameterName, p.ParameterValue]))).toMatchObject({ 'rds.force_ssl': '1', log_min_duration_statement: '1000' });
});

it('deploys a cross-Region replica of that database into an environment of the DR Region', async () => {
  const west = { ...target, region: 'us-west-2' };
  const acm = await clients.create(ACMClient, west);
  const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'crm-dr.example.com' }));
  await deploy({
    ...common,
    environmentName: undefined,
    region: 'us-west-2',
    kind: 'platform-environment',
    stackName: 'platform-crm-dr',
    tags: { ...common.tags, component: 'crm-dr', entityRef: 'resource:default/crm-dr' },
    platformEnvironment: { name: 'crm-dr', certificateArn: CertificateArn, internalServices: false },
  });
  await deploy({
    ...common,
    region: 'us-west-2',
    environmentName: 'crm-dr',
    kind: 'rds-cross-region-replica',
    stackName: 'crm-postgres-dr-development',
    tags: { ...common.tags, component: 'database-dr', entityRef: 'resource:default/crm-postgres-dr' },
    replica: {
      name: 'crm-postgres-dr', sourceDatabaseArn: `arn:aws:rds:us-east-1:${MOTO_MAIN_ACCOUNT}:db:crm-postgres-development`,
      engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.t4g.medium', storageGiB: 50,
    },
  });
  const rds = await clients.create(RDSClient, west);
  const { DBInstances = [] } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'crm-postgres-dr-development' }));
  expect(DBInstances[0]).toMatchObject({
    ReadReplicaSourceDBInstanceIdentifier: `arn:aws:rds:us-east-1:${MOTO_MAIN_ACCOUNT}:db:crm-postgres-development`,
    DBInstanceClass: 'db.t4g.medium',
    KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:/),
  });
  // In the DR environment's network.
  const { Exports = [] } = await (await clients.create(CloudFormationClient, west)).send(new ListExportsCommand({}));
  expect(DBInstances[0].DBSubnetGroup?.VpcId).toBe(Exports.find(e => e.Name === 'platform-crm-dr-vpc-id')?.Value);
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
        // In an environment the stack itself is small; a service with this
        // many settings takes its template past what CloudFormation takes inline.
        environmentVariables: Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`SETTING_${i}`, `value-of-setting-${i}`])),
      },
      database: {
        name: 'crm-core-service-db', engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.r6g.large',
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
