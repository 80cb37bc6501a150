import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { taggableResourceTypes, untaggedResources } from './cfnTags';
import { createPlatformApp, type PlatformStackConfig } from './platformStack';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile, PROFILE_DEFAULTS } from './profiles';
import { PLATFORM_TAG_KEYS } from './tags';

jest.setTimeout(240_000);

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
const everyKind = (environment: EnvironmentProfile): PlatformStackConfig[] => {
  const profile = PROFILE_DEFAULTS[environment];
  const service = {
    serviceName: 'crm-core-service', image: '111111111111.dkr.ecr.us-east-1.amazonaws.com/crm-core:1.4.2', containerPort: 3002, cpu: 512, memoryMiB: 1024,
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

const synthesized = ENVIRONMENT_PROFILES.flatMap(everyKind).map(config => {
  const { app, stack } = createPlatformApp(config, mkdtempSync(join(tmpdir(), 'cfn-tags-')));
  app.synth();
  return { name: `${config.kind} (${config.environment})`, template: Template.fromStack(stack).toJSON() };
});
const types = synthesized.flatMap(s => Object.values<{ Type: string }>(s.template.Resources).map(r => r.Type));
const taggable = taggableResourceTypes(types);

it('tags every resource CloudFormation can tag, in every kind of stack and profile', () => {
  expect(synthesized.flatMap(s => untaggedResources(s.template, taggable).map(line => `${s.name}: ${line}`))).toEqual([]);
});

it('reads taggability from CloudFormation’s schemas, and names what an untagged resource lacks', () => {
  // The two types CDK cannot tag, and a type that takes no tags at all.
  expect(taggableResourceTypes(['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup', 'AWS::EC2::SecurityGroupIngress'])).toEqual({
    'AWS::ApplicationAutoScaling::ScalableTarget': 'Tags',
    'AWS::RDS::DBProxyTargetGroup': 'Tags',
  });
  const template = {
    Resources: {
      Listed: { Type: 'AWS::SNS::Topic', Properties: { Tags: [{ Key: 'Project', Value: 'CRM-System' }] } },
      Mapped: { Type: 'AWS::SSM::Parameter', Properties: { Tags: Object.fromEntries(PLATFORM_TAG_KEYS.map(k => [k, 'x'])) } },
      Bare: { Type: 'AWS::SNS::Topic', Properties: {} },
      Rule: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: {} },
    },
  };
  const rest = PLATFORM_TAG_KEYS.filter(k => k !== 'Project').join(', ');
  expect(untaggedResources(template, taggableResourceTypes(['AWS::SNS::Topic', 'AWS::SSM::Parameter', 'AWS::EC2::SecurityGroupIngress']))).toEqual([
    `Listed (AWS::SNS::Topic) lacks ${rest}`,
    `Bare (AWS::SNS::Topic) lacks ${PLATFORM_TAG_KEYS.join(', ')}`,
  ]);
});

it('tags the types CDK cannot tag through a property', () => {
  const billing = synthesized.find(s => s.name === 'service-with-database (production)')!;
  for (const type of ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup']) {
    const [resource] = Object.values<any>(billing.template.Resources).filter(r => r.Type === type);
    expect(resource.Properties.Tags).toContainEqual({ Key: 'CostCenter', Value: 'finance-consulting' });
  }
});
