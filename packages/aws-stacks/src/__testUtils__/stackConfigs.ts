import type { PlatformStackConfig } from '../platformStack';
import { type EnvironmentProfile, PROFILE_DEFAULTS } from '../profiles';

const tags = (component: string, entityRef: string) => ({ project: 'CRM-System', component, owner: 'group:default/team-crm', costCenter: 'finance-consulting', entityRef });
const at = (environment: EnvironmentProfile, region = 'us-east-1') => ({
  account: '111111111111',
  region,
  environment,
  environmentName: region === 'us-east-1' ? `crm-${environment}` : `crm-dr-${environment}`,
});

/**
 * Every kind of stack, each with every part that adds resources of its own
 * (a proxy, a read replica, backups copied to the DR Region, internal
 * service discovery, each scaling policy, every optional alarm).
 */
export const everyKind = (environment: EnvironmentProfile): PlatformStackConfig[] => {
  const profile = PROFILE_DEFAULTS[environment];
  const service = {
    serviceName: 'crm-core-service', image: '111111111111.dkr.ecr.us-east-1.amazonaws.com/crm-core:1.4.2', containerPort: 3002, cpu: 512, memoryMiB: 1024,
    environmentVariables: { NODE_ENV: 'production', PORT: '3002' },
    healthCheckPath: '/health', desiredCount: 2, minCount: 2, maxCount: 15, memoryTargetPercent: 80, requestsPerTargetPerMinute: 1000,
    customScalingMetric: { namespace: 'CRM', metricName: 'QueueDepth', targetValue: 100, alarmAbove: 1000 },
    scaleInBelowCpuPercent: 30, http4xxAlarm: { above: 10 }, internal: true, pathPatterns: ['/api/*'], listenerPriority: 100,
    secrets: [{ name: 'API_KEY', from: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:crm-api-key-AbCdEf' }],
  };
  const database = {
    name: 'crm-postgres', engine: 'postgres' as const, engineVersion: '16.15', instanceClass: profile.dbInstanceClass, databaseName: 'crm', allocatedStorageGiB: 100, maxAllocatedStorageGiB: 500,
    readReplica: { instanceClass: profile.dbInstanceClass }, proxy: {}, backupReplicationRegion: 'us-west-2',
  };
  const cache = { name: 'crm-redis', engine: 'valkey' as const, engineVersion: '8.2', nodeType: profile.cacheNodeType, replicas: profile.cacheReplicas };
  return [
    {
      kind: 'platform-environment', stackName: `platform-crm-${environment}`, account: '111111111111', region: 'us-east-1', environment,
      tags: tags('platform', `resource:default/crm-${environment}`),
      platformEnvironment: { name: `crm-${environment}`, certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a', alertEmails: ['crm-oncall@example.com'], internalServices: true },
    },
    { kind: 'fargate-service', stackName: `crm-core-${environment}`, ...at(environment), tags: tags('core', 'component:default/crm-core-service'), service },
    { kind: 'rds-database', stackName: `crm-postgres-${environment}`, ...at(environment), tags: tags('database', 'resource:default/crm-postgres'), database },
    {
      kind: 'rds-cross-region-replica', stackName: `crm-postgres-dr-${environment}`, ...at(environment, 'us-west-2'), tags: tags('database-dr', 'resource:default/crm-postgres-dr'),
      replica: { name: 'crm-postgres-dr', sourceDatabaseArn: `arn:aws:rds:us-east-1:111111111111:db:crm-postgres-${environment}`, engine: 'postgres', engineVersion: '16.15', instanceClass: profile.dbInstanceClass, storageGiB: 100 },
    },
    { kind: 'redis-cache', stackName: `crm-redis-${environment}`, ...at(environment), tags: tags('cache', 'resource:default/crm-redis'), cache },
    {
      kind: 'msk-cluster', stackName: `crm-events-${environment}`, ...at(environment), tags: tags('events', 'resource:default/crm-events'),
      kafka: { name: 'crm-events', kafkaVersion: '3.9.x', brokers: profile.availabilityZones, instanceType: profile.kafkaInstanceType, ebsVolumeGiB: 100, topics: [{ name: 'crm.orders', partitions: 6 }] },
    },
    {
      kind: 'msk-replicator', stackName: `crm-events-mirror-${environment}`, ...at(environment, 'us-west-2'), tags: tags('events-dr', 'resource:default/crm-events-mirror'),
      replicator: {
        name: 'crm-events-mirror',
        sourceClusterArn: 'arn:aws:kafka:us-east-1:111111111111:cluster/crm-events/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a-2',
        sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], sourceSecurityGroupIds: ['sg-0a1b2c3d'],
        targetClusterArn: 'arn:aws:kafka:us-west-2:111111111111:cluster/crm-events-dr/7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d-1', targetSecurityGroupIds: ['sg-1b2c3d4e'],
      },
    },
    { kind: 'service-with-database', stackName: `crm-billing-${environment}`, ...at(environment), tags: tags('billing', 'component:default/crm-billing'), service: { ...service, serviceName: 'crm-billing' }, database: { ...database, name: 'crm-billing-db' }, cache },
  ] as PlatformStackConfig[];
};


/**
 * Every kind of stack at its least: no optional part, the profile's
 * defaults, a public image, no variables or secrets; caches outside
 * production with Multi-AZ turned off by their owner.
 */
export const leastOfEachKind = (environment: EnvironmentProfile): PlatformStackConfig[] =>
  everyKind(environment).map(config => {
    const service = { serviceName: 'crm-core-service', image: 'public.ecr.aws/nginx/nginx:1.27', containerPort: 80, cpu: 256, memoryMiB: 512, healthCheckPath: '/', desiredCount: 1, minCount: 1, maxCount: 1, cpuTargetPercent: null, pathPatterns: ['/*'] };
    const database = { name: 'crm-postgres', engine: 'mysql' as const, engineVersion: '8.4.11', databaseName: 'crm', allocatedStorageGiB: 20, maxAllocatedStorageGiB: 20 };
    const cache = environment === 'production'
      ? { name: 'crm-redis', engine: 'redis' as const, engineVersion: '7.1' }
      : { name: 'crm-redis', engine: 'redis' as const, engineVersion: '7.1', multiAz: false, replicas: 0 };
    switch (config.kind) {
      case 'platform-environment':
        return { ...config, platformEnvironment: { name: config.platformEnvironment.name, certificateArn: config.platformEnvironment.certificateArn } };
      case 'fargate-service':
        return { ...config, service };
      case 'rds-database':
        return { ...config, database };
      case 'redis-cache':
        return { ...config, cache };
      case 'service-with-database':
        return { ...config, service: { ...service, serviceName: 'crm-billing' }, database: { ...database, name: 'crm-billing-db' }, cache: undefined };
      default:
        return config;
    }
  }) as PlatformStackConfig[];
