/*
 * aws:stack:deploy against moto_server, as a team would use the golden
 * paths: first a platform environment, then a Fargate service into it, which
 * imports the environment's CloudFormation exports.
 *
 * Not deployed here: a database. moto 5.2.5 cannot create an RDS instance
 * whose DBParameterGroupName refers to a parameter group of the same template
 * (its RDS model fails with an AttributeError and CreateStack answers 500),
 * and every platform database has its own parameter group (forced TLS). The
 * database stack in an environment is checked by synthesis, cdk-nag and
 * cfn-lint (packages/aws-stacks) and by the templates test instead.
 *
 * Two more departures of moto from AWS, handled here and named: its
 * CloudFormation reads AWS::KMS::Key Tags in the KMS API's shape, not
 * CloudFormation's, so the environment's (tagged) alerts key would fail the
 * stack; this moto runs with the 'kms-key-tags' fix (aws-node's
 * moto_fixes.py). And it cannot create a Cloud Map namespace from a template,
 * so the environment is deployed without internal services.
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
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import {
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { createDeployStackAction } from './deployStack';

jest.setTimeout(180_000);

const moto = useMotoServer({ fixes: ['kms-key-tags'] });
let clients: AwsClientFactory;

beforeAll(() => {
  clients = AwsClientFactory.fromConfig(
    new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1'] })),
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
