/*
 * Every golden path's stack, in every environment profile, created on the AWS
 * emulator (CloudFormation on moto_server) through aws:stack:deploy, as a
 * team would: the platform environments first (one per profile in the home
 * Region, one per profile in the DR Region), then each kind of stack into
 * the environment of its profile, importing its CloudFormation exports. One
 * moto_server for the file; each case synthesizes its own stack.
 *
 * Where moto's CloudFormation has a model for a resource type, the resource
 * must be created: CREATE_COMPLETE, and DescribeStackResources lists exactly
 * the resources sent, by logical id. Where it has none, the test says so.
 * UNSUPPORTED is the one list of such types, with what moto does with each;
 * only those resources are taken out of the template on its way to
 * CreateStack (a middleware on the action's own CloudFormation client), a
 * Ref, GetAtt or Sub of one becomes a placeholder string, and REMOVED says
 * per kind and profile which types were taken out, so a construct that
 * starts or stops using one changes the table. The environments keep their
 * exports (a removed namespace's ids as placeholders): the stacks deployed
 * into them import them. The last test checks that moto still creates none
 * of the listed types and that every listed type is used by some case.
 *
 * Departures of moto 5.2.5 from AWS, handled and named: the three fixes of
 * deployStack.moto.test.ts ('kms-key-tags', 'rds-parameter-group-ref',
 * 'rds-cross-region-replica') and 'rds-master-user-secret' (moto drops
 * ManageMasterUserPassword and refuses GetAtt MasterUserSecret.SecretArn,
 * which a proxy's role is granted), all in aws-node's moto_fixes.py; moto
 * counts a backup window that ends when the maintenance window starts as
 * overlapping, so the databases back up 02:00-03:00 (the platform's default
 * is 03:00-04:00 with sun:04:00-sun:05:00); and moto's CloudFormation skips a
 * type it has no model for (it logs "No Moto CloudFormation support for …"
 * and completes the stack without it, listing it in DescribeStackResources
 * without a logical id), which is why UNSUPPORTED exists.
 */
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  CloudFormationClient,
  type CreateStackCommandInput,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  ListExportsCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  type EnvironmentProfile,
  ENVIRONMENT_PROFILES,
  KAFKA_VERSIONS,
  PROFILE_DEFAULTS,
  RDS_ENGINE_VERSIONS,
  REDIS_ENGINE_VERSIONS,
} from '@internal/aws-stacks';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import {
  MOTO_CREDENTIALS,
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { createDeployStackAction } from './deployStack';

jest.setTimeout(240_000);

/**
 * The resource types moto 5.2.5's CloudFormation cannot create, with what
 * moto does with each (at 5.2.5 the same for all: its server logs "No Moto
 * CloudFormation support for <type>"). Only these are taken out of a template.
 */
const NO_MODEL =
  'moto has no CloudFormation model for it: it logs "No Moto CloudFormation support" and skips the resource';
const UNSUPPORTED: Record<string, string> = {
  'AWS::ApplicationAutoScaling::ScalableTarget': NO_MODEL,
  'AWS::ApplicationAutoScaling::ScalingPolicy': NO_MODEL,
  'AWS::CloudWatch::Alarm': NO_MODEL,
  'AWS::EC2::SecurityGroupEgress': NO_MODEL,
  'AWS::ECS::ClusterCapacityProviderAssociations': NO_MODEL,
  'AWS::ElastiCache::ReplicationGroup': NO_MODEL,
  'AWS::ElastiCache::SubnetGroup': NO_MODEL,
  'AWS::MSK::Cluster': NO_MODEL,
  'AWS::MSK::Configuration': NO_MODEL,
  'AWS::MSK::Replicator': NO_MODEL,
  'AWS::RDS::DBProxy': NO_MODEL,
  'AWS::RDS::DBProxyTargetGroup': NO_MODEL,
  'AWS::S3::BucketPolicy': NO_MODEL,
  'AWS::SNS::Subscription': NO_MODEL,
  'AWS::SNS::TopicPolicy': NO_MODEL,
  'AWS::SecretsManager::Secret': NO_MODEL,
  'AWS::ServiceDiscovery::PrivateDnsNamespace': NO_MODEL,
};

const ALARM = 'AWS::CloudWatch::Alarm';
const SCALING = [
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
];
const CACHE = [
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::SecretsManager::Secret',
];
const PROXY = [
  'AWS::EC2::SecurityGroupEgress',
  'AWS::RDS::DBProxy',
  'AWS::RDS::DBProxyTargetGroup',
];
const ENVIRONMENT = [
  'AWS::ECS::ClusterCapacityProviderAssociations',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::ServiceDiscovery::PrivateDnsNamespace',
];

/**
 * Per case, the types taken out of its template because moto cannot create
 * them. Staging and production databases have a read replica (an RDS
 * instance, created), production ones a proxy and backups copied to the DR
 * Region.
 */
const REMOVED: Record<string, string[]> = {
  'platform-environment (development)': ENVIRONMENT,
  'platform-environment (development, us-west-2)': ENVIRONMENT,
  'platform-environment (staging)': ENVIRONMENT,
  'platform-environment (staging, us-west-2)': ENVIRONMENT,
  'platform-environment (production)': ENVIRONMENT,
  'platform-environment (production, us-west-2)': ENVIRONMENT,
  'fargate-service (development)': [...SCALING, ALARM],
  'fargate-service (staging)': [...SCALING, ALARM],
  'fargate-service (production)': [...SCALING, ALARM],
  'rds-database (development)': [ALARM],
  'rds-database (staging)': [ALARM],
  'rds-database (production)': [ALARM, ...PROXY],
  'rds-cross-region-replica (development, us-west-2)': [ALARM],
  'rds-cross-region-replica (staging, us-west-2)': [ALARM],
  'rds-cross-region-replica (production, us-west-2)': [ALARM],
  'redis-cache (development)': [ALARM, ...CACHE],
  'redis-cache (staging)': [ALARM, ...CACHE],
  'redis-cache (production)': [ALARM, ...CACHE],
  'msk-cluster (development)': [
    ALARM,
    'AWS::MSK::Cluster',
    'AWS::MSK::Configuration',
  ],
  'msk-cluster (staging)': [
    ALARM,
    'AWS::MSK::Cluster',
    'AWS::MSK::Configuration',
  ],
  'msk-cluster (production)': [
    ALARM,
    'AWS::MSK::Cluster',
    'AWS::MSK::Configuration',
  ],
  'msk-replicator (development, us-west-2)': [ALARM, 'AWS::MSK::Replicator'],
  'msk-replicator (staging, us-west-2)': [ALARM, 'AWS::MSK::Replicator'],
  'msk-replicator (production, us-west-2)': [ALARM, 'AWS::MSK::Replicator'],
  'service-with-database (development)': [...SCALING, ALARM, ...CACHE],
  'service-with-database (staging)': [...SCALING, ALARM, ...CACHE],
  'service-with-database (production)': [...SCALING, ALARM, ...CACHE, ...PROXY],
};

type Template = {
  Resources: Record<
    string,
    { Type: string; DependsOn?: string | string[] } & Record<string, unknown>
  >;
} & Record<string, unknown>;

const placeholder = (id: string, attribute?: string) =>
  `moto-removed-${id}${attribute ? `-${attribute.replace(/\W/g, '-')}` : ''}`;

/** The value with every Ref, GetAtt and Sub of a removed resource replaced by a placeholder string. */
function withoutRefsTo(value: unknown, removed: Set<string>): unknown {
  if (Array.isArray(value)) return value.map(v => withoutRefsTo(v, removed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [[fn, arg]] = entries;
    if (fn === 'Ref' && typeof arg === 'string' && removed.has(arg))
      return placeholder(arg);
    if (fn === 'Fn::GetAtt') {
      const [id, attribute] =
        typeof arg === 'string' ? arg.split(/\.(.*)/) : (arg as string[]);
      if (removed.has(id)) return placeholder(id, attribute);
    }
    if (fn === 'Fn::Sub') {
      const sub = (s: string) =>
        s.replace(
          /\$\{([^!}.]+)(?:\.([^}]+))?\}/g,
          (whole, id: string, attribute?: string) =>
            removed.has(id) ? placeholder(id, attribute) : whole,
        );
      return {
        'Fn::Sub':
          typeof arg === 'string'
            ? sub(arg)
            : [
                sub((arg as [string])[0]),
                withoutRefsTo((arg as unknown[])[1], removed),
              ],
      };
    }
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, withoutRefsTo(v, removed)]),
  );
}

/** The template without the resources moto cannot create; the types taken out. */
function withoutUnsupported(template: Template): {
  template: Template;
  removedTypes: string[];
} {
  const removed = new Set(
    Object.keys(template.Resources).filter(
      id => template.Resources[id].Type in UNSUPPORTED,
    ),
  );
  const resources = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([id]) => !removed.has(id))
      .map(([id, r]) => {
        const dependsOn = (
          typeof r.DependsOn === 'string' ? [r.DependsOn] : r.DependsOn ?? []
        ).filter(d => !removed.has(d));
        const { DependsOn: _, ...rest } = r;
        return [
          id,
          {
            ...(withoutRefsTo(rest, removed) as typeof r),
            ...(dependsOn.length > 0 && { DependsOn: dependsOn }),
          },
        ];
      }),
  );
  const { Resources: _, ...others } = template;
  return {
    template: {
      ...(withoutRefsTo(others, removed) as Template),
      Resources: resources,
    },
    removedTypes: [
      ...new Set([...removed].map(id => template.Resources[id].Type)),
    ].sort(),
  };
}

const moto = useMotoServer({
  fixes: [
    'kms-key-tags',
    'rds-parameter-group-ref',
    'rds-cross-region-replica',
    'rds-master-user-secret',
  ],
});
let clients: AwsClientFactory;
/** What went to CreateStack, per stack: the resources kept and the types taken out. */
const created = new Map<string, { kept: string[]; removedTypes: string[] }>();

const HOME = 'us-east-1';
const DR = 'us-west-2';
const at = (region: string) => ({ accountId: MOTO_MAIN_ACCOUNT, region });

beforeAll(async () => {
  clients = AwsClientFactory.fromConfig(
    new ConfigReader(
      motoPortalConfig({ endpoint: moto().endpoint, regions: [HOME, DR] }),
    ),
  );
  // The factory hands the action these same clients (it keeps one per account and Region).
  for (const region of [HOME, DR]) {
    const cfn = await clients.create(CloudFormationClient, at(region));
    cfn.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === 'CreateStackCommand') {
          const input = args.input as CreateStackCommandInput;
          const { template, removedTypes } = withoutUnsupported(
            JSON.parse(input.TemplateBody ?? '{"Resources":{}}'),
          );
          created.set(input.StackName ?? '', {
            kept: Object.keys(template.Resources).sort(),
            removedTypes,
          });
          input.TemplateBody = JSON.stringify(template);
        }
        return next(args);
      },
      { step: 'initialize', name: 'withoutTypesMotoCannotCreate' },
    );
  }
});

const tags = (component: string, entityRef: string) => ({
  project: 'CRM-System',
  component,
  owner: 'group:default/team-crm',
  costCenter: 'finance-consulting',
  entityRef,
});
const inEnvironment = (profile: EnvironmentProfile, region = HOME) => ({
  account: MOTO_MAIN_ACCOUNT,
  region,
  environment: profile,
  environmentName: region === HOME ? `crm-${profile}` : `crm-dr-${profile}`,
});
/** The exports of a Region, by name. */
async function exportsOf(region: string) {
  const { Exports = [] } = await (
    await clients.create(CloudFormationClient, at(region))
  ).send(new ListExportsCommand({}));
  return (name: string) => Exports.find(e => e.Name === name)?.Value ?? '';
}

/** The CRM seed's Kafka cluster ARN in a Region (MSK clusters cannot exist on moto; the ARN has the real shape). */
const kafkaArn = (region: string, name: string) =>
  `arn:aws:kafka:${region}:${MOTO_MAIN_ACCOUNT}:cluster/${name}/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a-2`;
const postgres = RDS_ENGINE_VERSIONS.postgres[0];
const zonesOf = (profile: EnvironmentProfile) =>
  PROFILE_DEFAULTS[profile].availabilityZones;

interface Case {
  kind: string;
  profile: EnvironmentProfile;
  /** Where, when not the home Region. */
  region?: string;
  config(): Promise<
    { stackName: string; region: string } & Record<string, unknown>
  >;
}

const environmentCase = (
  profile: EnvironmentProfile,
  region: string,
): Case => ({
  kind: 'platform-environment',
  profile,
  region,
  async config() {
    const name = inEnvironment(profile, region).environmentName;
    const acm = await clients.create(ACMClient, at(region));
    const { CertificateArn } = await acm.send(
      new RequestCertificateCommand({ DomainName: `${name}.crm.example.com` }),
    );
    return {
      kind: 'platform-environment',
      stackName: `platform-${name}`,
      account: MOTO_MAIN_ACCOUNT,
      region,
      environment: profile,
      tags: tags(name, `resource:default/${name}`),
      platformEnvironment: {
        name,
        certificateArn: CertificateArn,
        alertEmails: ['crm-oncall@example.com'],
      },
    };
  },
});

const service = (
  profile: EnvironmentProfile,
  serviceName: string,
  listenerPriority: number,
) => ({
  serviceName,
  image: 'public.ecr.aws/nginx/nginx:1.27',
  containerPort: 3002,
  cpu: 512,
  memoryMiB: 1024,
  healthCheckPath: '/health',
  environmentVariables: { NODE_ENV: 'production', PORT: '3002' },
  secrets: [{ name: 'DB_URL', from: `/crm/${serviceName}/database-url` }],
  desiredCount: profile === 'development' ? 1 : 3,
  minCount: profile === 'development' ? 1 : 2,
  maxCount: profile === 'production' ? 15 : 4,
  memoryTargetPercent: 80,
  pathPatterns: [`/${serviceName}/*`],
  listenerPriority,
});

const database = (
  profile: EnvironmentProfile,
  name: string,
  databaseName: string,
) => ({
  name,
  engine: 'postgres',
  engineVersion: postgres,
  databaseName,
  allocatedStorageGiB: profile === 'production' ? 500 : 50,
  maxAllocatedStorageGiB: profile === 'production' ? 2000 : 200,
  parameters: { log_min_duration_statement: '1000' },
  // moto counts touching windows as overlapping (see the header).
  backupWindow: '02:00-03:00',
  ...(profile !== 'development' && {
    readReplica: { instanceClass: PROFILE_DEFAULTS[profile].dbInstanceClass },
  }),
  ...(profile === 'production' && {
    proxy: { idleClientTimeoutSeconds: 1800 },
    backupReplicationRegion: DR,
  }),
});

const cache = (profile: EnvironmentProfile, name: string) => ({
  name,
  engineVersion: REDIS_ENGINE_VERSIONS[0],
  nodeType: PROFILE_DEFAULTS[profile].cacheNodeType,
  replicas: PROFILE_DEFAULTS[profile].cacheReplicas,
});

const kindCases = (profile: EnvironmentProfile): Case[] => [
  {
    kind: 'fargate-service',
    profile,
    config: async () => ({
      ...inEnvironment(profile),
      kind: 'fargate-service',
      stackName: `crm-core-service-${profile}`,
      tags: tags('core', 'component:default/crm-core-service'),
      service: service(profile, 'crm-core-service', 100),
    }),
  },
  {
    kind: 'rds-database',
    profile,
    config: async () => ({
      ...inEnvironment(profile),
      kind: 'rds-database',
      stackName: `crm-postgres-${profile}`,
      tags: tags('database', 'resource:default/crm-postgres'),
      database: database(profile, 'crm-postgres', 'crm'),
    }),
  },
  {
    kind: 'rds-cross-region-replica',
    profile,
    region: DR,
    config: async () => ({
      ...inEnvironment(profile, DR),
      kind: 'rds-cross-region-replica',
      stackName: `crm-postgres-dr-${profile}`,
      tags: tags('database-dr', 'resource:default/crm-postgres-dr'),
      replica: {
        name: 'crm-postgres-dr',
        // The rds-database case's primary, in the home Region.
        sourceDatabaseArn: `arn:aws:rds:${HOME}:${MOTO_MAIN_ACCOUNT}:db:crm-postgres-${profile}`,
        engine: 'postgres',
        engineVersion: postgres,
        instanceClass: PROFILE_DEFAULTS[profile].dbInstanceClass,
        storageGiB: profile === 'production' ? 500 : 50,
      },
    }),
  },
  {
    kind: 'redis-cache',
    profile,
    config: async () => ({
      ...inEnvironment(profile),
      kind: 'redis-cache',
      stackName: `crm-redis-${profile}`,
      tags: tags('cache', 'resource:default/crm-redis'),
      cache: cache(profile, 'crm-redis'),
    }),
  },
  {
    kind: 'msk-cluster',
    profile,
    config: async () => ({
      ...inEnvironment(profile),
      kind: 'msk-cluster',
      stackName: `crm-events-${profile}`,
      tags: tags('events', 'resource:default/crm-events'),
      kafka: {
        name: 'crm-events',
        kafkaVersion: KAFKA_VERSIONS[0],
        brokers: zonesOf(profile),
        instanceType: PROFILE_DEFAULTS[profile].kafkaInstanceType,
        ebsVolumeGiB: 100,
        topics: [{ name: 'crm.orders', partitions: 6 }],
      },
    }),
  },
  {
    kind: 'msk-replicator',
    profile,
    region: DR,
    async config() {
      // From the home Region's cluster, reached from its environment's private subnets, to the DR Region's.
      const home = await exportsOf(HOME);
      const dr = await exportsOf(DR);
      return {
        ...inEnvironment(profile, DR),
        kind: 'msk-replicator',
        stackName: `crm-events-mirror-${profile}`,
        tags: tags('events-dr', 'resource:default/crm-events-mirror'),
        replicator: {
          name: 'crm-events-mirror',
          sourceClusterArn: kafkaArn(HOME, `crm-events-${profile}`),
          sourceSubnetIds: home(
            `platform-crm-${profile}-private-subnet-ids`,
          ).split(','),
          sourceSecurityGroupIds: [
            home(`platform-crm-${profile}-services-security-group-id`),
          ],
          targetClusterArn: kafkaArn(DR, `crm-events-dr-${profile}`),
          targetSecurityGroupIds: [
            dr(`platform-crm-dr-${profile}-services-security-group-id`),
          ],
          compression: 'LZ4',
        },
      };
    },
  },
  {
    kind: 'service-with-database',
    profile,
    config: async () => ({
      ...inEnvironment(profile),
      kind: 'service-with-database',
      stackName: `crm-billing-service-${profile}`,
      tags: tags('billing', 'component:default/crm-billing-service'),
      service: service(profile, 'crm-billing-service', 200),
      database: database(profile, 'crm-billing-db', 'billing'),
      cache: cache(profile, 'crm-billing-cache'),
    }),
  },
];

const cases: Case[] = [
  ...ENVIRONMENT_PROFILES.flatMap(profile => [
    environmentCase(profile, HOME),
    environmentCase(profile, DR),
  ]),
  ...ENVIRONMENT_PROFILES.flatMap(kindCases),
];
const caseName = (c: Case) =>
  `${c.kind} (${c.profile}${
    c.region && c.region !== HOME ? `, ${c.region}` : ''
  })`;

async function deploy(stackConfig: object) {
  const workspace = createMockDirectory();
  workspace.setContent({
    'infra/stack-config.json': JSON.stringify(stackConfig),
  });
  const ctx = createMockActionContext({
    input: { configPath: 'infra/stack-config.json' },
    workspacePath: workspace.path,
  });
  await createDeployStackAction({ clients }).handler(ctx);
}

/** The types taken out of a case's template, as the table says. */
const removedIn = (name: string) => [...(REMOVED[name] ?? [])].sort();

async function createsOnMoto(name: string, c: Case) {
  const config = await c.config();
  await deploy(config);
  const sent = created.get(config.stackName);
  if (!sent) throw new Error(`${config.stackName} never reached CreateStack`);
  // Every resource kept is there, created: moto lists a resource it skipped without an id.
  const cfn = await clients.create(CloudFormationClient, at(config.region));
  const { StackResources = [] } = await cfn.send(
    new DescribeStackResourcesCommand({ StackName: config.stackName }),
  );
  expect(StackResources.length).toBe(sent.kept.length);
  expect(StackResources.map(r => r.LogicalResourceId).sort()).toEqual(
    sent.kept,
  );
  expect(
    StackResources.filter(r => r.ResourceStatus !== 'CREATE_COMPLETE'),
  ).toEqual([]);
  // eslint-disable-next-line no-console -- one line per case, beside the table's check
  console.log(
    `${name}: ${sent.kept.length} resources created; moto cannot create ${
      sent.removedTypes.join(', ') || 'nothing'
    } (taken out)`,
  );
  expect(sent.removedTypes).toEqual(removedIn(name));
}

// In order: a case may use what an earlier one created (an environment, a primary database).
for (const c of cases) {
  const name = caseName(c);
  it(`creates ${name} on moto`, async () => {
    expect.hasAssertions();
    await createsOnMoto(name, c);
  });
}

it('lists only types that moto still cannot create and that some template uses', async () => {
  // A stack of one resource of each type completes with none of them (sent
  // by a client of its own, which takes nothing out).
  const cfn = new CloudFormationClient({
    region: HOME,
    endpoint: moto().endpoint,
    credentials: MOTO_CREDENTIALS,
  });
  const template = {
    Resources: Object.fromEntries(
      Object.keys(UNSUPPORTED).map((type, i) => [
        `Unsupported${i}`,
        { Type: type, Properties: {} },
      ]),
    ),
  };
  await cfn.send(
    new CreateStackCommand({
      StackName: 'moto-unsupported-types',
      TemplateBody: JSON.stringify(template),
    }),
  );
  await waitUntilStackCreateComplete(
    { client: cfn, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { StackName: 'moto-unsupported-types' },
  );
  const { StackResources = [] } = await cfn.send(
    new DescribeStackResourcesCommand({ StackName: 'moto-unsupported-types' }),
  );
  expect(StackResources.filter(r => r.LogicalResourceId)).toEqual([]);
  expect(Object.keys(UNSUPPORTED).sort()).toEqual(
    [...new Set(Object.values(REMOVED).flat())].sort(),
  );
});
