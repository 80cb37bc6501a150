/*
 * The DR source in a test backend on the demo account (no AWS account is
 * configured), joined to catalog entities that carry the seed systems'
 * recovery targets: the fleet answer puts the analytics platform's breach
 * first with its reason, the CRM meets RPO 4 h, ApexAI's single-zone MySQL
 * is at risk, a What If service without a standby in its DR Region is at
 * risk while the CRM's finds its standby there, and an entity's answer
 * carries every check.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import awsPlugin from '@internal/plugin-aws-backend';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { DrDetail, DrRow } from '@internal/plugin-aws-dr-common';
import request from 'supertest';
import drModule from './index';

jest.setTimeout(120_000);

const resource = (name: string, system: string, arn: string, recovery: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: { 'aws.portal/arns': arn, ...Object.fromEntries(Object.entries(recovery).map(([k, v]) => [`aws.portal/${k}`, v])) },
  },
  spec: { owner: `team-${system}`, system, type: 'database' },
});

const service = (name: string, system: string, selector: string, region: string, recovery: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'aws.portal/tag-selector': selector,
      'aws.portal/region': region,
      ...Object.fromEntries(Object.entries(recovery).map(([k, v]) => [`aws.portal/${k}`, v])),
    },
  },
  spec: { owner: `team-${system}`, system, type: 'service', lifecycle: 'production' },
});

it('assesses the demo data stores against their entities’ targets, breaches first', async () => {
  const every = { frequency: { minutes: 30 }, timeout: { minutes: 1 }, initialDelay: { seconds: 0 } };
  const { server } = await startTestBackend({
    features: [
      awsPlugin,
      drModule,
      mockServices.rootConfig.factory({ data: { awsPortal: { sources: { dr: { schedule: every } } } } }),
      catalogServiceMock.factory({
        entities: [
          resource('crm-postgres', 'crm', 'arn:aws:rds:us-east-1:111111111111:db:crm-production-primary', { rpo: '4h', rto: '2h', 'dr-region': 'us-west-2' }),
          resource('analytics-postgres', 'analytics', 'arn:aws:rds:us-east-1:333333333333:db:analytics-primary', { rpo: '5m', rto: '30m', 'dr-region': 'us-west-2' }),
          resource('apexai-mysql', 'apexai-crm', 'arn:aws:rds:us-east-1:222222222222:db:apexai-production-mysql', { rpo: '24h', rto: '4h' }),
          service('crm-core-service', 'crm', 'Project=CRM-System,Component=core', 'us-east-1', { rpo: '4h', rto: '2h', 'dr-region': 'us-west-2' }),
          service('whatif-user-service', 'what-if', 'Project=What-If,Component=user', 'us-west-2', { rpo: '1h', rto: '4h', 'dr-region': 'us-east-1' }),
        ],
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });

  let fleet: CollectionAnswer<DrRow> | undefined;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise(r => setTimeout(r, 300))) {
    const res = await request(server).get('/api/aws/dr/fleet');
    if (res.status === 200 && res.body.items.length > 0) {
      fleet = res.body;
      break;
    }
  }
  expect(fleet?.demo).toBe(true);
  const owned = fleet!.items.filter(r => r.entityRef);
  expect(owned.map(r => [r.entityRef, r.region, r.verdict])).toEqual([
    ['resource:default/analytics-postgres', 'us-east-1', 'breached'],
    ['resource:default/apexai-mysql', 'us-east-1', 'at-risk'],
    ['component:default/whatif-user-service', 'us-west-2', 'at-risk'],
    ['component:default/crm-core-service', 'us-east-1', 'meets'],
    // The standby, scaled to zero in the CRM's DR Region, belongs to the same component.
    ['component:default/crm-core-service', 'us-west-2', 'meets'],
    ['resource:default/crm-postgres', 'us-east-1', 'meets'],
  ]);
  expect(owned[2].reasons).toEqual([
    'Region loss, RTO: no ECS service of the same name and owner runs in us-east-1, and nothing shows that deploying it there fits the target (the RTO target is 4h).',
  ]);
  expect(owned[0].reasons).toEqual([
    'Region loss, RPO: no copy of the data reaches us-west-2: a Region loss loses it (the RPO target is 5m).',
    'Region loss, RTO: there is nothing in us-west-2 to recover from (the RTO target is 30m).',
  ]);
  expect(owned[1].reasons[0]).toMatch(/^Zone loss, RTO: without Multi-AZ a zone loss means a restore, and no restore has been tested/);
  // Data stores nobody declared targets for have no verdict, and come last.
  expect(fleet!.items.filter(r => !r.entityRef).every(r => r.verdict === 'no-target')).toBe(true);

  const crm = (await request(server).get('/api/aws/dr/entity/default/resource/crm-postgres')).body as EntityCollectionAnswer<DrDetail>;
  expect(crm.items).toHaveLength(1);
  expect(crm.items[0].targets).toEqual({ rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' });
  expect(crm.items[0].assessment.checks.map(c => [c.disruption, c.objective, c.verdict, c.achievedMinutes])).toEqual([
    ['az', 'rpo', 'meets', 0],
    ['az', 'rto', 'meets', 2],
    // The replicated backup was 20 minutes old at collection; it ages while the answer is read.
    ['region', 'rpo', 'meets', expect.any(Number)],
    ['region', 'rto', 'meets', 48],
  ]);
  expect(crm.items[0].assessment.checks[2].achievedMinutes).toBeGreaterThanOrEqual(20);
  expect(crm.items[0].assessment.checks[2].achievedMinutes).toBeLessThanOrEqual(22);

  const core = (await request(server).get('/api/aws/dr/entity/default/component/crm-core-service')).body as EntityCollectionAnswer<DrDetail>;
  const primary = core.items.find(i => i.region === 'us-east-1')!;
  expect([primary.zones, primary.desiredCount, primary.crossRegion]).toEqual([
    3,
    3,
    [{ region: 'us-west-2', via: 'standby-service', name: 'crm-production/crm-core-service', warm: true }],
  ]);
  expect(primary.assessment.checks.find(c => c.disruption === 'region' && c.objective === 'rto')?.sentence).toBe(
    'Region loss, RTO: scaling out the standby ECS service and moving traffic to it in us-west-2 (crm-production/crm-core-service) takes about 10m (10m against the RTO target of 2h).',
  );
});
