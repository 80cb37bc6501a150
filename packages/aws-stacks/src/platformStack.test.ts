import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatformApp, parsePlatformStackConfig, type PlatformStackConfig } from './platformStack';

jest.setTimeout(120_000);

/** The CRM seed's core service with its database and cache, as a generated repository's stack-config.json holds it. */
const crmCore: PlatformStackConfig = {
  kind: 'service-with-database',
  stackName: 'crm-core-service-production',
  account: '111111111111',
  region: 'us-east-1',
  environment: 'production',
  environmentName: 'crm-production',
  tags: { project: 'CRM-System', component: 'core', owner: 'group:default/team-crm', costCenter: 'finance-consulting', entityRef: 'component:default/crm-core-service' },
  service: {
    serviceName: 'crm-core-service', image: 'crm-core:latest', containerPort: 3002, cpu: 512, memoryMiB: 1024, healthCheckPath: '/health',
    desiredCount: 3, minCount: 2, maxCount: 15, pathPatterns: ['/*'], listenerPriority: 1000,
  },
  database: { name: 'crm-postgres', engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.r6g.large', databaseName: 'crm_production', allocatedStorageGiB: 500, maxAllocatedStorageGiB: 2000 },
  cache: { name: 'crm-redis', engineVersion: '7.0', nodeType: 'cache.r6g.large', replicas: 2 },
};

it('sends every alarm of a stack, and the cache’s own events, to its environment’s alerts topic', () => {
  const { app, stack } = createPlatformApp(crmCore, mkdtempSync(join(tmpdir(), 'platform-stack-')));
  app.synth();
  const template = Template.fromStack(stack).toJSON();
  const topic = { 'Fn::ImportValue': 'platform-crm-production-alerts-topic-arn' };
  const alarms = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::CloudWatch::Alarm');
  // The service's four, the database's three, the cache's.
  expect(alarms.length).toBeGreaterThanOrEqual(8);
  expect(alarms.filter(a => JSON.stringify(a.Properties.AlarmActions) !== JSON.stringify([topic]) || JSON.stringify(a.Properties.OKActions) !== JSON.stringify([topic]))).toEqual([]);
  Template.fromStack(stack).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', { NotificationTopicArn: topic });
});

it('refuses a configuration it cannot build with every problem, field by field', () => {
  expect(() => parsePlatformStackConfig({ ...crmCore, account: '42', service: { ...(crmCore as any).service, cpu: 300 } })).toThrow(
    'stack-config.json cannot be built:\n- account: account must be a 12-digit AWS account id.',
  );
  expect(() => parsePlatformStackConfig({ ...crmCore, service: { ...(crmCore as any).service, cpu: 300 } })).toThrow(/^stack-config\.json cannot be built:\n- service\.memoryMiB: /);
  expect(() => parsePlatformStackConfig({ ...crmCore, database: { ...(crmCore as any).database, backupReplicationRegion: 'us-east-1' } })).toThrow(
    "database.backupReplicationRegion: Backups are copied to another Region than the database's own (us-east-1); choose a different DR Region, e.g. us-west-2.",
  );
  expect(parsePlatformStackConfig(crmCore)).toMatchObject({ kind: 'service-with-database', environmentName: 'crm-production' });
});

it('deploys into an environment of two zones in production when it says so (its aws.portal/zones)', () => {
  const subnetsOf = (config: PlatformStackConfig) => {
    const { app, stack } = createPlatformApp(config, mkdtempSync(join(tmpdir(), 'platform-stack-')));
    app.synth();
    const service = Object.values<any>(Template.fromStack(stack).toJSON().Resources).find(r => r.Type === 'AWS::ECS::Service');
    return service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets.map((s: any) => s['Fn::Select'][0]);
  };
  expect(subnetsOf(crmCore)).toEqual([0, 1, 2]);
  expect(subnetsOf({ ...crmCore, environmentZones: 2 } as PlatformStackConfig)).toEqual([0, 1]);
  expect(() => parsePlatformStackConfig({ ...crmCore, environmentZones: 4 })).toThrow('environmentZones: environmentZones must be 2 or 3.');
});
