/*
 * The alarms and metrics sources in a test backend, pointed at moto_server by
 * configuration only (endpoint override + accounts): the demo account's
 * alarms and metric data are put into the emulator, the scheduled
 * collections run, and the fleet, entity and summary endpoints serve what the
 * emulator holds, joined to catalog entities.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import awsPlugin from '@internal/plugin-aws-backend';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type {
  AlarmDetail,
  AlarmRow,
  ResourceMetricsDetail,
} from '@internal/plugin-aws-cloudwatch-common';
import { AwsClientFactory, DEMO_ACCOUNTS } from '@internal/plugin-aws-node';
import { motoPortalConfig, useMotoServer } from '@internal/plugin-aws-node/testUtils';
import request from 'supertest';
import { seedDemoAlarms } from './__testUtils__/seedDemoAlarms';
import cloudWatchModule from './index';

// moto answers GetMetricData by scanning every stored datapoint in Python:
// the first collection of the seeded demo alarms takes 2–3 minutes on two cores.
jest.setTimeout(800_000);

const moto = useMotoServer();

const entity = (kind: string, name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations },
  spec: { owner: 'team-crm', system: 'crm', type: 'service', lifecycle: 'production' },
});

it('serves the emulator’s alarms and metrics on the fleet, entity and summary endpoints', async () => {
  const portal = motoPortalConfig({
    endpoint: moto().endpoint,
    regions: ['us-east-1', 'us-west-2'],
    includeMainAccount: false,
    assumeRoleInto: DEMO_ACCOUNTS.map(a => a.accountId),
  });
  // Once, at start: a collection against moto is CPU-bound (GetMetricData
  // scans every stored datapoint), and overlapping ones only slow each other.
  const every = { frequency: { minutes: 30 }, timeout: { minutes: 3 }, initialDelay: { seconds: 0 } };
  const data = {
    ...portal,
    awsPortal: { ...portal.awsPortal, sources: { alarms: { schedule: every }, metrics: { schedule: every } } },
  };
  const seeded = await seedDemoAlarms(AwsClientFactory.fromConfig(new ConfigReader(data)));
  expect(seeded.alarms).toBeGreaterThan(60);

  const { server } = await startTestBackend({
    features: [
      awsPlugin,
      cloudWatchModule,
      mockServices.rootConfig.factory({ data }),
      catalogServiceMock.factory({
        entities: [
          entity('Component', 'crm-social-service', {
            'aws.portal/arns': 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-social-service',
          }),
          entity('Resource', 'analytics-kafka', {
            'aws.portal/arns': 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/00000000-0000-0000-0000-000000000001',
          }),
        ],
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });

  const poll = async <T>(path: string, ready: (body: T) => boolean): Promise<T> => {
    // Collections against moto are CPU-bound: 3 minutes on an idle 2-core machine.
    const deadline = Date.now() + 380_000;
    let body: T | undefined;
    while (Date.now() < deadline) {
      const res = await request(server).get(path);
      body = res.body;
      if (res.status === 200 && ready(body!)) return body!;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`${path} never got ready: ${JSON.stringify(body).slice(0, 300)}`);
  };

  const fleet = await poll<CollectionAnswer<AlarmRow>>(
    '/api/aws/alarms/fleet',
    f => f.accountRegions.length === 6 && f.accountRegions.every(p => p.collectedAt),
  );
  expect(fleet.demo).toBe(false);
  expect(fleet.accountRegions.every(p => !p.error)).toBe(true);
  expect(fleet.items).toHaveLength(seeded.alarms);
  expect(fleet.items.filter(r => r.state === 'ALARM').map(r => r.alarmName)).toEqual(
    expect.arrayContaining(['crm-social-service-memory-high', 'analytics-kafka-disk-high', 'apexai-server-target-5xx']),
  );
  expect(fleet.items[0].state).toBe('ALARM');
  expect(fleet.items.find(r => r.alarmName === 'crm-social-service-memory-high')).toMatchObject({
    entityRef: 'component:default/crm-social-service',
    system: 'crm',
    severity: 'critical',
    resourceLabel: 'ECS service crm-production/crm-social-service',
  });

  const social = (await request(server).get('/api/aws/alarms/entity/default/component/crm-social-service'))
    .body as EntityCollectionAnswer<AlarmDetail>;
  const memory = social.items.find(a => a.alarmName === 'crm-social-service-memory-high')!;
  expect(memory.state).toBe('ALARM');
  // The chart comes from what was put with PutMetricData, read back by GetMetricData.
  expect(memory.chart!.points.length).toBeGreaterThan(100);

  const summary = (await request(server).get('/api/aws/alarms/summary')).body;
  expect(summary.summary.byEntity['component:default/crm-social-service']).toEqual({
    ALARM: 1,
    INSUFFICIENT_DATA: 0,
    OK: social.items.length - 1,
  });

  await poll<CollectionAnswer<unknown>>('/api/aws/metrics/fleet', f => f.accountRegions.length === 6 && f.items.length > 0);
  const kafka = (await request(server).get('/api/aws/metrics/entity/default/resource/analytics-kafka'))
    .body as EntityCollectionAnswer<ResourceMetricsDetail>;
  expect(kafka.items).toHaveLength(1);
  expect(kafka.items[0]).toMatchObject({ kind: 'msk-cluster', label: 'MSK cluster analytics-kafka' });
  expect(kafka.items[0].series.map(s => s.id)).toEqual(['msk-disk', 'msk-urp']);
  expect(kafka.items[0].series[0].points.length).toBeGreaterThan(30);
});
