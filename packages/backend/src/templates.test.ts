/*
 * Every golden-path template through the real scaffolder on the local
 * default backend (SQLite, guest, publish:local): a dry run, a real run that
 * publishes a git repository and registers its entity, and the refusals that
 * must stop a run before anything is published.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkovFailuresOfMany, createPlatformApp, type EnvironmentFacts, FIELD_RULES, type FieldRule, parsePlatformStackConfig, STACK_KINDS } from '@internal/aws-stacks';
import yaml from 'yaml';
import { type RunningBackend, startBackend, waitFor } from './__testUtils__/startBackend';

jest.setTimeout(300_000);

const workDir = mkdtempSync(join(tmpdir(), 'portal-templates-'));
const repositories = join(workDir, 'repositories');
let backend: RunningBackend;
let token = '';

const crm = {
  owner: 'group:default/team-crm',
  project: 'CRM-System',
  costCenter: 'finance-consulting',
  // The demo catalog's environment for the CRM: production, 111111111111, us-east-1.
  platformEnvironment: 'resource:default/crm-production',
  publishTo: 'local',
};
const where = { environment: 'production', account: '111111111111', region: 'us-east-1' };
/** The demo catalog's environments the cases deploy into (catalog/environments.yaml). */
const ENVIRONMENTS: Record<string, { name: string; environment: string; account: string; region: string }> = {
  'resource:default/crm-production': { name: 'crm-production', ...where },
  'resource:default/analytics-production': { name: 'analytics-production', ...where, account: '333333333333' },
  'resource:default/crm-monolith-production': { name: 'crm-monolith-production', ...where },
  'resource:default/apexai-production': { name: 'apexai-production', ...where, account: '222222222222' },
  'resource:default/analytics-dr': { name: 'analytics-dr', ...where, account: '333333333333', region: 'us-west-2' },
  'resource:default/sandbox-development': { name: 'sandbox-development', ...where, environment: 'development' },
  'resource:default/whatif-production': { name: 'whatif-production', ...where, account: '222222222222', region: 'us-west-2' },
};
const service = {
  image: 'crm-core:latest',
  containerPort: 3002,
  healthCheckPath: '/health',
  cpu: 512,
  memoryMiB: 1024,
  desiredCount: 3,
  minCount: 2,
  maxCount: 15,
  cpuTargetPercent: 70,
  memoryTargetPercent: 80,
  spotPercent: 30,
  scaleOutCooldownSeconds: 300,
  scaleInCooldownSeconds: 600,
  pathPatterns: ['/*', '/static/*'],
  listenerPriority: 1000,
  environmentVariables: [{ name: 'NODE_ENV', value: 'production' }],
  secrets: [{ name: 'DB_URL', from: '/crm/core/database-url' }],
};
const database = {
  engine: 'postgres',
  engineVersion: '15.19',
  instanceClass: 'db.r6g.large',
  databaseName: 'crm_production',
  allocatedStorageGiB: 500,
  maxAllocatedStorageGiB: 2000,
  backupRetentionDays: 7,
  backupWindow: '03:00-04:00',
  maintenanceWindow: 'sun:04:00-sun:05:00',
  readReplica: true,
  readReplicaInstanceClass: 'db.r6g.large',
  readReplicaParameters: [{ name: 'work_mem', value: '65536' }],
  cpuAlarmPercent: 80,
  cpuAlarmPeriods: 2,
  parameters: [
    { name: 'shared_preload_libraries', value: 'pg_stat_statements' },
    { name: 'log_min_duration_statement', value: '1000' },
  ],
};
const cache = {
  cacheEngine: 'redis',
  cacheEngineVersion: '7.0',
  nodeType: 'cache.r6g.large',
  replicas: 2,
  shards: 1,
  multiAz: true,
  snapshotRetentionDays: 7,
  snapshotWindow: '03:00-05:00',
};
const kafka = {
  kafkaVersion: '3.7.x',
  brokers: 3,
  instanceType: 'kafka.m5.large',
  ebsVolumeGiB: 100,
  clientAuthentication: 'iam',
  // The analytics seed's analytics-events topic, as the cluster's defaults.
  topicPartitions: 10,
  topicReplicationFactor: 3,
  topicRetentionHours: 72,
  topicCompression: 'lz4',
};

/** Each template with the answers that reproduce its seed. */
const cases: Array<[string, string, Record<string, unknown>]> = [
  ['platform-environment', 'resource', { name: 'crm-staging', description: 'CRM staging', component: 'crm-staging', ...crm, ...where, alertEmails: ['alerts@crm-consulting.com'], certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a' }],
  // The ApexAI seed's network: production over two zones, its subnet blocks.
  ['platform-environment', 'resource', {
    name: 'apexai-network', description: 'ApexAI production network', component: 'apexai-network', ...crm, ...where, zones: '2', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a',
    publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'], dataSubnetCidrs: ['10.0.20.0/24', '10.0.21.0/24'],
  }],
  // ApexAI's server: 2-10 tasks of 512 CPU / 1 GiB, /health, /api/* and /socket.io/*, in its two-zone production environment.
  ['fargate-service', 'component', {
    name: 'apexai-api', description: 'ApexAI server', component: 'server', ...crm, project: 'ApexAI-CRM', costCenter: 'apexai-product',
    platformEnvironment: 'resource:default/apexai-production', ...service, containerPort: 3000, desiredCount: 2, minCount: 2, maxCount: 10,
    pathPatterns: ['/api/*', '/socket.io/*'], listenerPriority: 100, logRetentionDays: 7,
  }],
  // The CRM seed's network: its subnet blocks, the third data subnet added (the platform's data subnets span every zone).
  ['platform-environment', 'resource', {
    name: 'crm-network', description: 'CRM production network', component: 'crm-network', ...crm, ...where, certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], privateSubnetCidrs: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'], dataSubnetCidrs: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
  }],
  ['fargate-service', 'component', {
    name: 'crm-auth-service', description: 'Auth', component: 'auth', ...crm, ...service, cpu: 256, memoryMiB: 512, containerPort: 3001,
    taskFamily: 'crm-auth', containerName: 'auth-service', logGroupName: '/ecs/crm-auth-service', logRetentionDays: 30, latencyThresholdMs: 2000, latencyAlarmPeriods: 3, healthCheckCommand: 'curl -f http://localhost:3001/health || exit 1', pathPatterns: ['/auth/*'], listenerPriority: 100,
    // The seed's ECS rules: in below 30 % CPU or 40 % memory, two base tasks on Spot, 4xx above 10 for 2 minutes.
    scaleInBelowCpuPercent: 30, scaleInBelowMemoryPercent: 40, spotBaseTasks: 2, http4xxAlarmAbove: 10, http4xxAlarmPeriods: 2,
  }],
  // The CRM seed's DR plan: RPO 4 h, RTO 2 h, us-east-1 → us-west-2, backups copied there.
  ['rds-database', 'resource', { name: 'crm-postgres', description: 'CRM database', component: 'database', ...crm, ...database, rpo: '4h', rto: '2h', drRegion: 'us-west-2', replicateBackups: true }],
  ['redis-cache', 'resource', { name: 'crm-redis', description: 'CRM cache', component: 'cache', ...crm, ...cache }],
  ['msk-cluster', 'resource', { name: 'analytics-kafka', description: 'Events', component: 'kafka', ...crm, ...kafka }],
  // The analytics seed's ingestion service: 256 CPU / 512 MiB on 8080, 2-20 tasks on CPU 70 % only, its log group, 5xx above 10 for 2 minutes.
  ['fargate-service', 'component', {
    name: 'analytics-ingestion', description: 'Event ingestion', component: 'ingestion', ...crm, project: 'Analytics', costCenter: 'data-platform',
    owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-production', ...service,
    cpu: 256, memoryMiB: 512, containerPort: 8080, desiredCount: 3, minCount: 2, maxCount: 20, cpuTargetPercent: 70, memoryTargetPercent: 0, spotPercent: 0,
    logGroupName: '/ecs/analytics-ingestion', http5xxAlarmAbove: 10, http5xxAlarmPeriods: 2, pathPatterns: ['/events/*'], listenerPriority: 100,
    secrets: [{ name: 'KAFKA_API_KEY', from: 'arn:aws:secretsmanager:us-east-1:333333333333:secret:kafka-key' }],
  }],
  // The analytics seed's consumer: a worker that listens on nothing, scaled on its Kafka lag only, its secret from Secrets Manager.
  ['fargate-service', 'component', {
    name: 'analytics-consumer', description: 'Kafka consumer', component: 'consumer', ...crm, project: 'Analytics', costCenter: 'data-platform',
    owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-production', ...service,
    containerPort: 0, cpuTargetPercent: 0, memoryTargetPercent: 0, desiredCount: 5, minCount: 5, maxCount: 20, loadBalanced: false, pathPatterns: undefined,
    customMetricNamespace: 'Analytics', customMetricName: 'ConsumerLag', customMetricTargetValue: 10000, customMetricAlarmAbove: 100000,
    secrets: [{ name: 'DB_PASSWORD', from: 'arn:aws:secretsmanager:us-east-1:333333333333:secret:analytics/db-password' }],
  }],
  // The modular monolith seed's backend: 2-10 tasks out on CPU 70 %, memory 80 % or 1,000 requests a minute, in only below 30 % CPU; p95 under 500 ms.
  ['fargate-service', 'component', {
    name: 'crm-monolith-api', description: 'Express backend', component: 'backend', ...crm, project: 'CRM-Monolith', costCenter: 'crm-modular',
    platformEnvironment: 'resource:default/crm-monolith-production', ...service, containerPort: 3000, desiredCount: 2, minCount: 2, maxCount: 10,
    cpuTargetPercent: 70, memoryTargetPercent: 80, requestsPerTargetPerMinute: 1000, scaleInBelowCpuPercent: 30, latencyThresholdMs: 500, pathPatterns: ['/api/*'], listenerPriority: 200,
  }],
  // The What If seed's user service: internal, behind its API gateway, on its fixed port.
  ['fargate-service', 'component', {
    name: 'whatif-user-service', description: 'Users', component: 'user-service', ...crm, project: 'WhatIf-Generator', ...service,
    containerPort: 3001, desiredCount: 2, minCount: 2, maxCount: 10, loadBalanced: false, internal: true, pathPatterns: undefined,
  }],
  // ApexAI's development MySQL on db.t3.micro, in the shared development environment.
  ['rds-database', 'resource', {
    name: 'apexai-dev-mysql', description: 'ApexAI dev database', component: 'database', ...crm, project: 'ApexAI-CRM', costCenter: 'apexai-product',
    platformEnvironment: 'resource:default/sandbox-development', ...database, engine: 'mysql', engineVersion: '8.0.46', instanceClass: 'db.t3.micro',
    allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100, readReplica: false, parameters: [{ name: 'max_connections', value: '200' }], maintenanceWindow: 'mon:04:00-mon:05:00',
  }],
  // The analytics seed's PostgreSQL: its master user, an RDS Proxy, a replica of a smaller class.
  ['rds-database', 'resource', {
    name: 'analytics-postgres', description: 'Analytics database', component: 'database', ...crm, project: 'Analytics', costCenter: 'data-platform',
    owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-production', ...database, instanceClass: 'db.r5.xlarge',
    masterUsername: 'analytics', readReplicaInstanceClass: 'db.r5.large', readReplicaParameters: [], parameters: [], maintenanceWindow: 'mon:04:00-mon:05:00',
    rdsProxy: true, proxyIdleClientTimeoutSeconds: 1800, proxyMaxConnectionsPercent: 100,
  }],
  // The analytics seed's DR plan: its primary's replica in us-west-2, promoted on a Region loss (RPO 5 min, RTO 30 min).
  ['rds-cross-region-replica', 'resource', {
    name: 'analytics-dr-postgres', description: 'Analytics database in us-west-2', component: 'database-dr', ...crm, project: 'Analytics', costCenter: 'data-platform',
    owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-dr', sourceDatabase: 'resource:default/analytics-postgres',
    // Engine, version and storage are the source's, read from its catalog entity.
    instanceClass: 'db.r5.large', maxLagSeconds: 300, parameters: [], rpo: '5m', rto: '30m',
  }],
  // The analytics seed's MirrorMaker 2 to us-west-2, as an MSK Replicator into the DR environment (topics lz4, as the seed's).
  ['msk-replicator', 'resource', {
    name: 'analytics-mirror', description: 'Analytics Kafka to us-west-2', component: 'kafka-mirror', ...crm, project: 'Analytics', costCenter: 'data-platform',
    owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-dr',
    sourceCluster: 'resource:default/analytics-kafka', targetCluster: 'resource:default/analytics-kafka-dr',
    sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'], sourceSecurityGroupIds: ['sg-0a1b2c3d'], targetSecurityGroupIds: ['sg-1b2c3d4e'],
    topics: ['.*'], topicsToExclude: [], consumerGroups: ['.*'], compression: 'LZ4', startingPosition: 'EARLIEST', identicalTopicNames: true, maxLatencySeconds: 300,
    rpo: '5m', rto: '30m',
  }],
  // ApexAI's development Redis on cache.t3.micro.
  ['redis-cache', 'resource', {
    name: 'apexai-dev-redis', description: 'ApexAI sessions', component: 'cache', ...crm, project: 'ApexAI-CRM', costCenter: 'apexai-product',
    platformEnvironment: 'resource:default/sandbox-development', ...cache, nodeType: 'cache.t3.micro', replicas: 0, multiAz: false,
    // The seed's maintenance: Monday 05:00-07:00 UTC, after the snapshots (03:00-05:00).
    cacheMaintenanceWindow: 'mon:05:00-mon:07:00',
  }],
  // ApexAI's studio: the Next.js front end, 2-10 tasks of 512 CPU / 1 GiB on CPU 70 %, health at /, the ALB's catch-all /* below the server's rules.
  ['fargate-service', 'component', {
    name: 'apexai-studio', description: 'ApexAI studio', component: 'studio', ...crm, project: 'ApexAI-CRM', costCenter: 'apexai-product',
    platformEnvironment: 'resource:default/apexai-production', ...service, containerPort: 3000, healthCheckPath: '/', desiredCount: 2, minCount: 2, maxCount: 10,
    cpuTargetPercent: 70, memoryTargetPercent: 0, spotPercent: 0, pathPatterns: ['/*'], listenerPriority: 900, secrets: [],
  }],
  // The modular monolith's front end on its port 9002, and its data: MySQL 8.0 Multi-AZ (the production profile), Redis 7.0 in cluster mode.
  ['fargate-service', 'component', {
    name: 'crm-monolith-web', description: 'Next.js front end', component: 'frontend', ...crm, project: 'CRM-Monolith', costCenter: 'crm-modular',
    platformEnvironment: 'resource:default/crm-monolith-production', ...service, containerPort: 9002, healthCheckPath: '/', desiredCount: 2, minCount: 2, maxCount: 10,
    pathPatterns: ['/*'], listenerPriority: 900, secrets: [],
  }],
  ['rds-database', 'resource', {
    name: 'crm-monolith-mysql', description: 'Monolith database', component: 'database', ...crm, project: 'CRM-Monolith', costCenter: 'crm-modular',
    platformEnvironment: 'resource:default/crm-monolith-production', ...database, engine: 'mysql', engineVersion: '8.0.46', instanceClass: 'db.r6g.large',
    databaseName: 'crm', readReplica: false, parameters: [], rpo: '15m', rto: '1h',
  }],
  ['redis-cache', 'resource', {
    name: 'crm-monolith-redis', description: 'Monolith cache', component: 'cache', ...crm, project: 'CRM-Monolith', costCenter: 'crm-modular',
    platformEnvironment: 'resource:default/crm-monolith-production', ...cache, cacheEngineVersion: '7.0', nodeType: 'cache.r6g.large', shards: 2, replicas: 1,
  }],
  ['service-with-database', 'component', { name: 'crm-core-service', description: 'Core CRM API', component: 'core', ...crm, ...service, ...database, ...cache }],
];

function api(path: string, init: RequestInit = {}) {
  return fetch(`${backend.baseUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
}

async function run(template: string, values: Record<string, unknown>) {
  const res = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({ templateRef: `template:default/${template}`, values }),
  });
  if (res.status === 400) {
    // The scaffolder checked the answers against the form's schema.
    const body = await res.json();
    return { status: 'refused by the form', log: JSON.stringify(body), steps: [] as string[] };
  }
  expect(res.status).toBe(201);
  const { id } = await res.json();
  const task = await waitFor(
    `task ${id}`,
    async () => {
      const t = await (await api(`/api/scaffolder/v2/tasks/${id}`)).json();
      return ['completed', 'failed'].includes(t.status) ? t : undefined;
    },
    120_000,
  );
  const events = await (await api(`/api/scaffolder/v2/tasks/${id}/events`)).json();
  const log = events.map((e: any) => String(e.body.message ?? '')).join('\n');
  return { status: task.status as string, log, steps: task.spec.steps.map((s: any) => s.id) as string[] };
}

beforeAll(async () => {
  backend = await startBackend({
    configs: ['../../app-config.yaml'],
    env: {
      // Guest sign-in, as on the local portal (jest sets NODE_ENV=test).
      NODE_ENV: 'development',
      APP_CONFIG_backend_database_connection_directory: join(workDir, 'db'),
      APP_CONFIG_awsStacks_localRepositories: repositories,
    },
  });
  const guestToken = () =>
    waitFor(
      'a guest token',
      async () => {
        const res = await fetch(`${backend.baseUrl}/api/auth/guest/refresh`, { method: 'POST' });
        return res.ok ? (await res.json()).backstageIdentity.token : undefined;
      },
      30_000,
    );
  token = await guestToken();
  await waitFor(
    'the templates and the guest user in the catalog',
    async () =>
      (await api('/api/catalog/entities/by-name/template/default/service-with-database')).ok &&
      (await api('/api/catalog/entities/by-name/user/default/guest')).ok
        ? true
        : undefined,
    120_000,
  );
  // Signed in again now that the catalog knows the guest: its token carries
  // its membership of the platform team, which the demo awsPortal.permissions
  // lets stamp production stacks and platform environments.
  token = await guestToken();
});

afterAll(async () => {
  await backend?.stop();
});

it.each(STACK_KINDS.map(k => k.kind))('has seed answers for the golden path of every kind in the registry: %s', kind => {
  expect(cases.filter(([template]) => template === kind)).not.toHaveLength(0);
});

describe.each(cases)('template %s', (template, kind, values) => {
  it('dry-runs without publishing', async () => {
    const entity = await (await api(`/api/catalog/entities/by-name/template/default/${template}`)).json();
    const res = await api('/api/scaffolder/v2/dry-run', {
      method: 'POST',
      body: JSON.stringify({ template: entity, values, secrets: {}, directoryContents: [] }),
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    const files = body.directoryContents.map((f: any) => f.path).sort();
    expect(files).toEqual(
      expect.arrayContaining(['.github/workflows/infra.yml', 'README.md', 'catalog-info.yaml', 'cdk.json', 'infra/app.ts', 'infra/stack-config.json', 'package.json']),
    );
    expect(body.log.map((l: any) => l.body.message).join('\n')).toMatch(/passes cdk-nag and cfn-lint/);
    expect(existsSync(join(repositories, String(values.name)))).toBe(false);
  });

  it('runs to success: checks, estimate, a local git repository and an entity', async () => {
    const started = Date.now();
    const { status, log } = await run(template, values);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`template ${template}: run ${status} in ${seconds} s\n`);
    expect({ status, log: status === 'completed' ? '' : log }).toEqual({ status: 'completed', log: '' });
    expect(log).toMatch(/The stack synthesizes \(\d+ resources\) and passes cdk-nag and cfn-lint/);
    expect(log).toMatch(/About \$[\d.]+ a month \(us-east-1 list prices of \d{4}-\d{2}-\d{2}\)/);

    const repo = join(repositories, String(values.name));
    expect(execFileSync('git', ['-C', repo, 'log', '--oneline'], { encoding: 'utf8' })).toMatch(/Initial commit from the developer portal/);
    const info = yaml.parse(readFileSync(join(repo, 'catalog-info.yaml'), 'utf8'));
    // Account, Region and profile come from the environment picked (the
    // platform-environment template asks for them itself).
    const env = template === 'platform-environment' ? { name: undefined, ...where } : ENVIRONMENTS[String(values.platformEnvironment)];
    expect(info.metadata.annotations).toMatchObject({
      'aws.portal/account-id': env.account,
      'aws.portal/region': env.region,
      'aws.portal/environment': env.environment,
      'aws.portal/tag-selector': `Project=${values.project},Component=${values.component}`,
      'aws.portal/cost-center': values.costCenter,
    });
    const config = JSON.parse(readFileSync(join(repo, 'infra/stack-config.json'), 'utf8'));
    expect(config).toMatchObject({ kind: template, environment: env.environment, account: env.account, region: env.region });
    // The stack deploys into the environment, and the entity depends on it.
    expect({ environmentName: config.environmentName, dependsOn: info.spec.dependsOn }).toEqual(
      env.name ? { environmentName: env.name, dependsOn: [values.platformEnvironment] } : { environmentName: undefined, dependsOn: undefined },
    );

    await waitFor(
      `${kind}:default/${values.name} in the catalog`,
      async () => ((await api(`/api/catalog/entities/by-name/${kind}/default/${values.name}`)).ok ? true : undefined),
      60_000,
    );
  });
});

it('carries what the seeds name through the shared pages into the stack configuration', () => {
  const config = (name: string) => JSON.parse(readFileSync(join(repositories, name, 'infra/stack-config.json'), 'utf8'));
  expect(config('crm-auth-service').service).toMatchObject({
    taskFamily: 'crm-auth',
    containerName: 'auth-service',
    healthCheckCommand: 'curl -f http://localhost:3001/health || exit 1',
    pathPatterns: ['/auth/*'],
    listenerPriority: 100,
    logRetentionDays: 30,
    latencyThresholdMs: 2000,
    scaleInBelowCpuPercent: 30,
    scaleInBelowMemoryPercent: 40,
    spotWeight: 30,
    spotBaseTasks: 2,
    http4xxAlarm: { above: 10, periods: 2 },
    logGroupName: '/ecs/crm-auth-service',
    latencyAlarmPeriods: 3,
  });
  expect(config('crm-core-service').service.http4xxAlarm).toBeNull();
  expect(config('crm-core-service').service).toMatchObject({ logGroupName: null, http5xxAlarm: null, cpuTargetPercent: 70, memoryTargetPercent: 80 });
  expect(config('analytics-ingestion').service).toMatchObject({
    logGroupName: '/ecs/analytics-ingestion', http5xxAlarm: { above: 10, periods: 2 }, cpuTargetPercent: 70, memoryTargetPercent: null, containerPort: 8080,
  });
  expect(config('analytics-consumer').service).toMatchObject({ containerPort: null, cpuTargetPercent: null, memoryTargetPercent: null, loadBalanced: false });
  // A database's entity says what its replicas are read from.
  const entity = (name: string) => yaml.parse(readFileSync(join(repositories, name, 'catalog-info.yaml'), 'utf8'));
  expect(entity('crm-postgres').metadata.annotations).toMatchObject({ 'aws.portal/engine': 'postgres', 'aws.portal/engine-version': '15.19', 'aws.portal/storage-gib': '500' });
  expect(entity('crm-core-service').metadata.annotations).toMatchObject({ 'aws.portal/engine': 'postgres', 'aws.portal/engine-version': '15.19' });
  expect(entity('crm-redis').metadata.annotations['aws.portal/engine']).toBeUndefined();
  // ApexAI's maintenance windows (RDS Monday 04:00-05:00, Redis 05:00-07:00); the monolith's cache in cluster mode, its MySQL 8.0.
  expect(config('apexai-dev-mysql').database).toMatchObject({ maintenanceWindow: 'mon:04:00-mon:05:00' });
  expect(config('apexai-dev-redis').cache).toMatchObject({ maintenanceWindow: 'mon:05:00-mon:07:00', multiAz: false });
  expect(config('crm-monolith-redis').cache).toMatchObject({ engine: 'redis', engineVersion: '7.0', shards: 2, replicas: 1, multiAz: true });
  expect(config('crm-monolith-mysql').database).toMatchObject({ engine: 'mysql', engineVersion: '8.0.46', readReplica: null });
  expect(config('apexai-studio').service).toMatchObject({ healthCheckPath: '/', pathPatterns: ['/*'], cpuTargetPercent: 70, memoryTargetPercent: null, minCount: 2, maxCount: 10 });
  expect(config('crm-postgres').database).toMatchObject({ cpuAlarmPercent: 80, cpuAlarmPeriods: 2 });
  expect(config('crm-staging').platformEnvironment.alertEmails).toEqual(['alerts@crm-consulting.com']);
  expect(config('crm-staging').platformEnvironment.subnetCidrs).toBeNull();
  expect(config('apexai-network').platformEnvironment).toMatchObject({ zones: 2, subnetCidrs: { public: ['10.0.0.0/24', '10.0.1.0/24'] } });
  expect(yaml.parse(readFileSync(join(repositories, 'apexai-network', 'catalog-info.yaml'), 'utf8')).metadata.annotations['aws.portal/zones']).toBe('2');
  // A stack deploys over as many zones as its environment spans.
  expect(config('apexai-api').environmentZones).toBe(2);
  expect(config('crm-auth-service').environmentZones).toBeNull();
  expect(config('crm-network').platformEnvironment.subnetCidrs).toEqual({
    public: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    private: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'],
    data: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
  });
  expect(config('crm-core-service').service.logRetentionDays).toBeNull();
  expect(config('crm-postgres').database.readReplica).toEqual({ instanceClass: 'db.r6g.large', parameters: [{ name: 'work_mem', value: '65536' }] });
  expect(config('crm-core-service').database.readReplica).toEqual({ instanceClass: 'db.r6g.large', parameters: [{ name: 'work_mem', value: '65536' }] });
  expect(config('crm-core-service').service.pathPatterns).toEqual(['/*', '/static/*']);
  expect(config('analytics-consumer').service.customScalingMetric).toEqual({ namespace: 'Analytics', metricName: 'ConsumerLag', targetValue: 10000, alarmAbove: 100000 });
  expect(config('analytics-postgres').database).toMatchObject({
    masterUsername: 'analytics',
    proxy: { idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 100 },
    readReplica: { instanceClass: 'db.r5.large', parameters: [] },
  });
  expect(config('apexai-dev-redis').cache.nodeType).toBe('cache.t3.micro');
  expect(config('crm-postgres').database.backupReplicationRegion).toBe('us-west-2');
  expect(config('crm-core-service').database.backupReplicationRegion).toBeNull();
  const info = yaml.parse(readFileSync(join(repositories, 'crm-postgres', 'catalog-info.yaml'), 'utf8'));
  expect(info.metadata.annotations).toMatchObject({ 'aws.portal/rpo': '4h', 'aws.portal/rto': '2h', 'aws.portal/dr-region': 'us-west-2' });
  expect(config('analytics-kafka').kafka.topicDefaults).toEqual({ partitions: 10, replicationFactor: 3, retentionHours: 72, compression: 'lz4' });
  expect(config('whatif-user-service').service).toMatchObject({ internal: true, loadBalanced: false, containerPort: 3001 });
  expect(config('crm-monolith-api').service).toMatchObject({ scaleInBelowCpuPercent: 30, requestsPerTargetPerMinute: 1000, memoryTargetPercent: 80, latencyThresholdMs: 500 });
  expect(config('crm-core-service').service.scaleInBelowCpuPercent).toBeNull();
  expect(config('analytics-mirror')).toMatchObject({
    region: 'us-west-2',
    replicator: {
      sourceClusterArn: 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/00000000-0000-0000-0000-000000000001',
      targetClusterArn: 'arn:aws:kafka:us-west-2:333333333333:cluster/analytics-kafka-dr/00000000-0000-0000-0000-000000000002',
      sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'],
      compression: 'LZ4',
      identicalTopicNames: true,
    },
  });
  // The source's ARN from its aws.portal/arns annotation; the replica in the DR Region's environment.
  expect(config('analytics-dr-postgres')).toMatchObject({
    region: 'us-west-2',
    environmentName: 'analytics-dr',
    replica: { sourceDatabaseArn: 'arn:aws:rds:us-east-1:333333333333:db:analytics-primary', engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.r5.large', storageGiB: 500, maxLagSeconds: 300 },
  });
});

describe('answers the stack cannot honour are refused before anything is published', () => {
  // The form's own schema refuses what it can express (memory per CPU and
  // versions per engine follow the choice above them); the render step refuses
  // the rest with the construct library's sentences.
  it.each([
    ['fargate-service', { name: 'bad-size', description: 'x', component: 'x', ...crm, ...service, cpu: 256, memoryMiB: 4096 }, 'refused by the form', 'memoryMiB'],
    ['rds-database', { name: 'bad-engine', description: 'x', component: 'x', ...crm, ...database, engine: 'mysql', engineVersion: '15.4' }, 'refused by the form', 'engineVersion'],
    ['redis-cache', { name: 'bad-redis', description: 'x', component: 'x', ...crm, ...cache, replicas: 0, multiAz: true }, 'failed', 'A production cache is Multi-AZ with automatic failover, which needs at least one replica; set replicas to 1 or more.'],
    ['rds-cross-region-replica', {
      name: 'bad-replica', description: 'x', component: 'x', ...crm, platformEnvironment: 'resource:default/analytics-production', sourceDatabase: 'resource:default/analytics-postgres',
      instanceClass: 'db.r5.large', maxLagSeconds: 300, parameters: [],
    }, 'failed', "The source database is in us-east-1, the chosen environment's Region; a cross-Region replica goes into an environment of another Region: choose one in its DR Region, e.g. us-west-2."],
    // A source the rds-database template did not stamp says nothing of its engine: the replica cannot guess it.
    ['rds-cross-region-replica', {
      name: 'bad-source', description: 'x', component: 'x', ...crm, platformEnvironment: 'resource:default/analytics-dr', sourceDatabase: 'resource:default/apexai-mysql',
      instanceClass: 'db.r5.large', maxLagSeconds: 300, parameters: [],
    }, 'failed', "engine is the source's, postgres or mysql: its catalog entity's aws.portal/engine annotation (the rds-database template writes it)."],
    ['platform-environment', {
      name: 'bad-network', description: 'x', component: 'bad-network', ...crm, ...where, certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a',
      publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], privateSubnetCidrs: ['10.0.1.0/24', '10.0.12.0/24', '10.0.13.0/24'], dataSubnetCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
    }, 'failed', 'data subnets: one block per zone, 3 here; 2 given (add 10.0.23.0/24).'],
    ['fargate-service', { name: 'bad-port', description: 'x', component: 'x', ...crm, ...service, containerPort: 0 }, 'failed', 'A service behind the load balancer needs the port it listens on (e.g. 8080); only a worker that nothing reaches goes without one.'],
    ['fargate-service', { name: 'bad-scaling', description: 'x', component: 'x', ...crm, ...service, cpuTargetPercent: 0, memoryTargetPercent: 0 }, 'failed', 'With no scaling signal (CPU, memory, requests or a custom metric) the service never moves between 2 and 15 tasks'],
    ['msk-cluster', { name: 'bad-kafka', description: 'x', component: 'x', ...crm, ...kafka, brokers: 4 }, 'failed', '4 brokers is not a multiple of 3 (choose 3 or 6).'],
  ])('%s', async (template, values, expectedStatus, sentence) => {
    const { status, log } = await run(template, values);
    expect(status).toBe(expectedStatus);
    expect(log).toContain(sentence);
    // Either the task never started, or it stopped before publishing.
    expect(
      status === 'refused by the form' ||
        /Skipping step publish-local because a previous step failed/.test(log),
    ).toBe(true);
    expect(existsSync(join(repositories, String(values.name)))).toBe(false);
  });
});

/** The template that asks each part's fields, with answers that pass (the seeds'). */
const RULE_TEMPLATES: Record<FieldRule['part'], [string, Record<string, unknown>]> = {
  service: ['fargate-service', { ...crm, ...service }],
  database: ['rds-database', { ...crm, ...database }],
  cache: ['redis-cache', { ...crm, ...cache }],
  kafka: ['msk-cluster', { ...crm, ...kafka }],
  // A platform environment's form asks no environment: its rules read its own answers.
  // The analytics seed's DR: the replica and the replicator in us-west-2, from us-east-1.
  replica: ['rds-cross-region-replica', {
    ...crm, owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-dr', sourceDatabase: 'resource:default/analytics-postgres',
    instanceClass: 'db.r5.large', maxLagSeconds: 300, parameters: [], rpo: '5m', rto: '30m',
  }],
  replicator: ['msk-replicator', {
    ...crm, owner: 'group:default/team-analytics', platformEnvironment: 'resource:default/analytics-dr',
    sourceCluster: 'resource:default/analytics-kafka', targetCluster: 'resource:default/analytics-kafka-dr',
    sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'], sourceSecurityGroupIds: ['sg-0a1b2c3d'], targetSecurityGroupIds: ['sg-1b2c3d4e'],
    topics: ['.*'], topicsToExclude: [], consumerGroups: ['.*'], compression: 'LZ4', startingPosition: 'EARLIEST', identicalTopicNames: true, maxLatencySeconds: 300,
    rpo: '5m', rto: '30m',
  }],
  platformEnvironment: ['platform-environment', {
    ...crm, platformEnvironment: undefined, ...where, cidr: '10.0.0.0/16', zones: '', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], privateSubnetCidrs: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'], dataSubnetCidrs: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
  }],
};

/** The demo catalog's environment with a rule example's facts (catalog/environments.yaml; only apexai-production spans 2 zones). */
function environmentWith(facts: EnvironmentFacts) {
  const zones = (ref: string, profile: string) => (ref === 'resource:default/apexai-production' || profile === 'development' ? 2 : 3);
  const found = Object.entries(ENVIRONMENTS).find(
    ([ref, e]) =>
      e.environment === facts.profile && zones(ref, e.environment) === facts.zones &&
      (facts.region ?? e.region) === e.region && (facts.account ?? e.account) === e.account,
  );
  if (!found) throw new Error(`No demo environment is ${facts.profile} over ${facts.zones} zones in ${facts.region} of ${facts.account}.`);
  return found[0];
}

/** Every `ui:field: AwsStackChecked` of a served template, with the rules it names, dependencies included. */
function checkedFields(node: unknown, out: Array<{ field: string; rules: string[] }> = []) {
  if (Array.isArray(node)) node.forEach(n => checkedFields(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries<any>(node)) {
      if (value?.['ui:field'] === 'AwsStackChecked') out.push({ field: key, rules: value['ui:options']?.rules ?? [] });
      checkedFields(value, out);
    }
  }
  return out;
}

describe('every field rule refuses at its field, and the run refuses the same answers with the same sentence', () => {
  it('names each rule at its field in the template that asks it; every checked field names rules of its own', async () => {
    const served = new Map<string, Array<{ field: string; rules: string[] }>>();
    for (const template of new Set(cases.map(([t]) => t))) {
      const doc = await (await api(`/api/catalog/entities/by-name/template/default/${template}`)).json();
      served.set(template, checkedFields(doc.spec.parameters));
    }
    for (const rule of FIELD_RULES) {
      const [template] = RULE_TEMPLATES[rule.part];
      expect({ rule: rule.id, at: served.get(template)!.filter(f => f.rules.includes(rule.id)).map(f => f.field) }).toEqual({ rule: rule.id, at: [rule.field] });
    }
    for (const [template, fields] of served) {
      for (const { field, rules } of fields) {
        expect({ template, field, rules: rules.map(id => FIELD_RULES.find(r => r.id === id)?.field) }).toEqual({ template, field, rules: rules.map(() => field) });
      }
    }
  });

  it("accepts every seed's answers at every checked field of its template", async () => {
    const rulesOf = new Map<string, string[]>();
    for (const template of new Set(cases.map(([t]) => t))) {
      const doc = await (await api(`/api/catalog/entities/by-name/template/default/${template}`)).json();
      rulesOf.set(template, checkedFields(doc.spec.parameters).flatMap(f => f.rules));
    }
    for (const [template, , values] of cases) {
      const rules = rulesOf.get(template)!;
      if (rules.length === 0) continue;
      const res = await api('/api/scaffolder/aws-stacks/field-checks', { method: 'POST', body: JSON.stringify({ rules, answers: values }) });
      expect({ template, name: values.name, answer: await res.json() }).toEqual({
        template, name: values.name, answer: { problems: {}, environment: values.platformEnvironment !== undefined },
      });
    }
  });

  it.each(FIELD_RULES.map((rule, i) => [rule.id, rule, i] as const))('%s', async (_id, rule, i) => {
    const [template, answers] = RULE_TEMPLATES[rule.part];
    const values = {
      name: `field-rule-${i}`, description: 'x', component: 'x', ...answers, ...rule.example.answers,
      ...(rule.readsEnvironment ? { platformEnvironment: environmentWith(rule.example.facts) } : {}),
    };
    const sentence = rule.check(values, rule.example.facts);
    expect(sentence).toEqual(expect.any(String));
    // At the field, as the form asks when Next is pressed.
    const res = await api('/api/scaffolder/aws-stacks/field-checks', { method: 'POST', body: JSON.stringify({ rules: [rule.id], answers: values }) });
    expect(await res.json()).toEqual({ problems: { [rule.id]: sentence }, environment: values.platformEnvironment !== undefined });
    // And past the form (the API takes answers the form would not send): the run stops before publishing.
    const { status, log } = await run(template, values);
    expect(status).toBe('failed');
    expect(log).toContain(sentence);
    expect(existsSync(join(repositories, values.name))).toBe(false);
  });
});

it('keeps the templates’ parameters documented and validated, shared pages included', async () => {
  for (const template of new Set(cases.map(([t]) => t))) {
    // As the catalog serves it: the shared pages and steps ($yaml) read in.
    const doc = await (await api(`/api/catalog/entities/by-name/template/default/${template}`)).json();
    expect(JSON.stringify(doc.spec)).not.toContain('$yaml');
    expect(doc.spec.parameters.map((p: any) => p.title)).toContain('Publish');
    expect(doc.spec.steps.map((s: any) => s.id)).toEqual(expect.arrayContaining(['render', 'validate', 'estimate', 'publish-local']));
    for (const page of doc.spec.parameters) {
      for (const [name, p] of Object.entries<any>(page.properties ?? {})) {
        if (p.const !== undefined) continue;
        expect({ template, name, title: !!p.title, description: !!p.description, default: p.default !== undefined || !!p['ui:field'] }).toEqual({
          template, name, title: true, description: true, default: true,
        });
      }
    }
  }
});

it("passes checkov with every seed's answers, as stamped out", () => {
  // The runs' render steps already passed cdk-nag and cfn-lint; checkov
  // reads the same templates once for all (it starts in seconds). Last in
  // the file: synthesis and checkov hold the event loop for seconds, and a
  // request after that may reuse a connection the backend has closed.
  const templates: Record<string, unknown> = {};
  for (const name of readdirSync(repositories)) {
    const file = join(repositories, name, 'infra/stack-config.json');
    if (!existsSync(file)) continue;
    const { app, stack } = createPlatformApp(parsePlatformStackConfig(JSON.parse(readFileSync(file, 'utf8'))), mkdtempSync(join(tmpdir(), 'seed-checkov-')));
    templates[name] = app.synth().getStackByName(stack.stackName).template;
  }
  expect(Object.keys(templates).length).toBeGreaterThanOrEqual(20);
  expect(checkovFailuresOfMany(templates)).toEqual([]);
});
