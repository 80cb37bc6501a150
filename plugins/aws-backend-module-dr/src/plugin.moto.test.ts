/*
 * The DR source against moto_server.
 *
 * The first test is configuration only: the whole plugin in a test backend,
 * pointed at the emulator by endpoint and accounts, with catalog entities
 * that declare recovery targets. What it judges comes from what moto holds:
 * Multi-AZ flags, zones, retention, snapshots, ECS subnets and services.
 *
 * The second reads the same shop through the source with a recorded-answer
 * double in the SDK's middleware for what moto does not produce, and says
 * which: LatestRestorableTime (moto always answers "now"), ElastiCache
 * snapshot times (moto stamps "now"), the zones of ElastiCache nodes (moto
 * leaves them empty), replicated automated backups and
 * global datastores (moto cannot start either), MSK clusters (moto's
 * ListClustersV2 answer has a creation time the SDK cannot read), MSK
 * replicators and AWS Backup's protected resources, copy jobs and restore
 * jobs (moto has none of these operations). Everything else goes to the
 * emulator.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import awsPlugin from '@internal/plugin-aws-backend';
import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import { type DrDetail, type DrFacts, type DrRow, assessResource } from '@internal/plugin-aws-dr-common';
import { AwsClientFactory, readAwsPortalSettings } from '@internal/plugin-aws-node';
import {
  MOTO_MAIN_ACCOUNT,
  type RecordedAnswer,
  actionsMissingFromPolicy,
  motoPortalConfig,
  useMotoServer,
  useRecordedAnswers,
} from '@internal/plugin-aws-node/testUtils';
import request from 'supertest';
import { buildMotoShop } from './__testUtils__/motoShop';
import { AwsDrSource } from './AwsDrSource';
import drModule from './index';

jest.setTimeout(180_000);

const moto = useMotoServer();
const ACCOUNT = MOTO_MAIN_ACCOUNT;
const arn = (service: string, resource: string, region = 'us-east-1') => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
const TARGETS = { 'aws.portal/rpo': '15m', 'aws.portal/rto': '1h' };

const entity = (kind: 'Component' | 'Resource', name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations: { ...TARGETS, ...annotations } },
  spec: { owner: 'team-shop', system: 'shop', type: kind === 'Component' ? 'service' : 'database', lifecycle: 'production' },
});

let built = false;
async function shop(config: ConfigReader) {
  if (!built) await buildMotoShop(AwsClientFactory.fromConfig(config), ACCOUNT);
  built = true;
}

it('judges what moto holds, by configuration only: the database without Multi-AZ is at risk, the single-zone service breached', async () => {
  const portal = motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1', 'us-west-2'] });
  const once = { frequency: { minutes: 30 }, timeout: { minutes: 2 }, initialDelay: { seconds: 0 } };
  const data = { ...portal, awsPortal: { ...portal.awsPortal, sources: { dr: { schedule: once } } } };
  await shop(new ConfigReader(data));

  const { server } = await startTestBackend({
    features: [
      awsPlugin,
      drModule,
      mockServices.rootConfig.factory({ data }),
      catalogServiceMock.factory({
        entities: [
          entity('Resource', 'shop-orders', { 'aws.portal/arns': arn('rds', 'db:shop-orders') }),
          entity('Resource', 'shop-ledger', { 'aws.portal/arns': arn('rds', 'db:shop-ledger') }),
          entity('Resource', 'shop-sessions', { 'aws.portal/arns': arn('elasticache', 'replicationgroup:shop-sessions') }),
          entity('Component', 'shop-api', {
            'aws.portal/tag-selector': 'Project=Shop,Component=api',
            'aws.portal/region': 'us-east-1',
            'aws.portal/dr-region': 'us-west-2',
          }),
          entity('Component', 'shop-worker', { 'aws.portal/tag-selector': 'Project=Shop,Component=worker' }),
        ],
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });

  let fleet: CollectionAnswer<DrRow> | undefined;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise(r => setTimeout(r, 500))) {
    const res = await request(server).get('/api/aws/dr/fleet');
    if (res.status === 200 && res.body.accountRegions.length && res.body.accountRegions.every((p: { lastAttemptAt?: string }) => p.lastAttemptAt)) {
      fleet = res.body;
      break;
    }
  }
  expect(fleet?.demo).toBe(false);
  expect(fleet!.accountRegions.map(p => [p.region, p.error])).toEqual([
    ['us-east-1', undefined],
    ['us-west-2', undefined],
  ]);
  const verdicts = Object.fromEntries(fleet!.items.map(r => [`${r.name}@${r.region}`, [r.entityRef, r.verdict]]));
  expect(verdicts).toEqual({
    'shop-worker@us-east-1': ['component:default/shop-worker', 'breached'],
    'shop-orders@us-east-1': ['resource:default/shop-orders', 'at-risk'],
    'shop-api@us-east-1': ['component:default/shop-api', 'meets'],
    'shop-api@us-west-2': ['component:default/shop-api', 'meets'],
    'shop-ledger@us-east-1': ['resource:default/shop-ledger', 'meets'],
    'shop-sessions@us-east-1': ['resource:default/shop-sessions', 'meets'],
  });
  expect(fleet!.items.slice(0, 2).map(r => r.name)).toEqual(['shop-worker', 'shop-orders']);

  const orders = (await request(server).get('/api/aws/dr/entity/default/resource/shop-orders')).body as EntityCollectionAnswer<DrDetail>;
  expect(orders.items).toHaveLength(1);
  const [db] = orders.items;
  expect([db.multiAz, db.zones, db.backupRetentionDays, db.engine]).toEqual([false, 1, 7, 'postgres']);
  expect(db.latestSnapshotTime).toEqual(expect.any(String));
  expect(db.assessment.reasons).toEqual([
    'Zone loss, RTO: without Multi-AZ a zone loss means a restore, and no restore has been tested, so nothing shows it finishes in time (the RTO target is 1h).',
  ]);

  const api = (await request(server).get('/api/aws/dr/entity/default/component/shop-api')).body as EntityCollectionAnswer<DrDetail>;
  const primary = api.items.find(i => i.region === 'us-east-1')!;
  expect([primary.zones, primary.desiredCount, primary.crossRegion.map(c => [c.region, c.via, c.name])]).toEqual([
    2,
    2,
    [['us-west-2', 'standby-service', 'shop/shop-api']],
  ]);
});

const RESTORABLE = '2026-11-25T05:52:00Z';
const CACHE_SNAPSHOT = '2026-11-25T03:00:00Z';
const NOW = new Date('2026-11-25T06:00:00Z');
const KAFKA = arn('kafka', 'cluster/shop-events/5a7c1e2f-0000-4000-8000-000000000001');

/** What moto lacks, as AWS answered it for this shop. */
const RECORDED: Record<string, RecordedAnswer> = {
  DescribeDBInstancesCommand: {
    amend: output => ({
      ...output,
      DBInstances: output.DBInstances?.map((db: any) => ({
        ...db,
        LatestRestorableTime: new Date(RESTORABLE),
        DBInstanceAutomatedBackupsReplications:
          db.DBInstanceIdentifier === 'shop-ledger'
            ? [{ DBInstanceAutomatedBackupsArn: arn('rds', 'auto-backup:ab-shop-ledger', 'us-west-2') }]
            : undefined,
      })),
    }),
  },
  DescribeDBInstanceAutomatedBackupsCommand: {
    output: {
      DBInstanceAutomatedBackups: [
        {
          DBInstanceAutomatedBackupsArn: arn('rds', 'auto-backup:ab-shop-ledger', 'us-west-2'),
          Region: 'us-east-1',
          RestoreWindow: { EarliestTime: new Date('2026-11-18T06:00:00Z'), LatestTime: new Date('2026-11-25T05:40:00Z') },
        },
      ],
    },
  },
  DescribeSnapshotsCommand: {
    amend: output => ({
      ...output,
      Snapshots: output.Snapshots?.map((s: any) => ({
        ...s,
        NodeSnapshots: (s.NodeSnapshots?.length ? s.NodeSnapshots : [{}]).map((n: any) => ({ ...n, SnapshotCreateTime: new Date(CACHE_SNAPSHOT) })),
      })),
    }),
  },
  DescribeReplicationGroupsCommand: {
    amend: output => ({
      ...output,
      ReplicationGroups: output.ReplicationGroups?.map((g: any) => ({
        ...g,
        NodeGroups: [
          {
            NodeGroupId: '0001',
            NodeGroupMembers: [
              { CacheClusterId: `${g.ReplicationGroupId}-001`, PreferredAvailabilityZone: 'us-east-1a', CurrentRole: 'primary' },
              { CacheClusterId: `${g.ReplicationGroupId}-002`, PreferredAvailabilityZone: 'us-east-1b', CurrentRole: 'replica' },
            ],
          },
        ],
        GlobalReplicationGroupInfo: { GlobalReplicationGroupId: 'ldgr-shop-sessions', GlobalReplicationGroupMemberRole: 'PRIMARY' },
      })),
    }),
  },
  DescribeGlobalReplicationGroupsCommand: {
    output: {
      GlobalReplicationGroups: [
        {
          GlobalReplicationGroupId: 'ldgr-shop-sessions',
          Members: [
            { ReplicationGroupId: 'shop-sessions', ReplicationGroupRegion: 'us-east-1', Role: 'PRIMARY' },
            { ReplicationGroupId: 'shop-sessions-usw2', ReplicationGroupRegion: 'us-west-2', Role: 'SECONDARY' },
          ],
        },
      ],
    },
  },
  ListClustersV2Command: {
    output: {
      ClusterInfoList: [
        {
          ClusterArn: KAFKA,
          ClusterName: 'shop-events',
          ClusterType: 'PROVISIONED',
          State: 'ACTIVE',
          Provisioned: { NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: { InstanceType: 'kafka.m5.large', ClientSubnets: ['subnet-a', 'subnet-b', 'subnet-c'] } },
          Tags: { Project: 'Shop', Component: 'events' },
        },
      ],
    },
  },
  ListReplicatorsCommand: {
    output: {
      Replicators: [
        {
          ReplicatorName: 'shop-events-to-usw2',
          KafkaClustersSummary: [
            { KafkaClusterAlias: 'source', AmazonMskCluster: { MskClusterArn: KAFKA } },
            { KafkaClusterAlias: 'target', AmazonMskCluster: { MskClusterArn: arn('kafka', 'cluster/shop-events-usw2/1', 'us-west-2') } },
          ],
          ReplicationInfoSummaryList: [{ SourceKafkaClusterAlias: 'source', TargetKafkaClusterAlias: 'target' }],
        },
      ],
    },
  },
  ListProtectedResourcesCommand: {
    output: { Results: [{ ResourceArn: arn('rds', 'db:shop-orders'), ResourceType: 'RDS', LastBackupTime: new Date('2026-11-25T04:00:00Z') }] },
  },
  ListCopyJobsCommand: {
    output: {
      CopyJobs: [
        {
          ResourceArn: arn('rds', 'db:shop-orders'),
          DestinationBackupVaultArn: arn('backup', 'backup-vault:shop-dr', 'us-west-2'),
          CreationDate: new Date('2026-11-25T04:05:00Z'),
          State: 'COMPLETED',
        },
        {
          ResourceArn: arn('rds', 'db:shop-orders'),
          DestinationBackupVaultArn: arn('backup', 'backup-vault:shop-dr', 'us-west-2'),
          CreationDate: new Date('2026-11-24T04:05:00Z'),
          State: 'COMPLETED',
        },
      ],
    },
  },
  ListRestoreJobsCommand: {
    output: {
      RestoreJobs: [
        {
          SourceResourceArn: arn('rds', 'db:shop-orders'),
          CreatedResourceArn: arn('rds', 'db:shop-orders-restore-test', 'us-west-2'),
          CreationDate: new Date('2026-11-20T10:00:00Z'),
          CompletionDate: new Date('2026-11-20T10:41:30Z'),
          Status: 'COMPLETED',
        },
      ],
    },
  },
};

it('reads what moto lacks from recorded answers, and asks only what the published policy allows', async () => {
  const config = new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1', 'us-west-2'] }));
  await shop(config);
  const clients = AwsClientFactory.fromConfig(config);
  const [east] = readAwsPortalSettings(config).accountRegions.filter(p => p.region === 'us-east-1');
  const sent = useRecordedAnswers(clients, RECORDED, { qualified: true });
  const logger = mockServices.logger.mock();
  const items = await new AwsDrSource().collect(east, { clients, previous: [], logger, now: NOW });

  expect(logger.warn).not.toHaveBeenCalled();
  const facts = Object.fromEntries(items.map(i => [i.data.name, i.data])) as Record<string, DrFacts>;
  expect(Object.keys(facts).sort()).toEqual(['shop-api', 'shop-events', 'shop-ledger', 'shop-orders', 'shop-sessions', 'shop-worker']);

  const orders = facts['shop-orders'];
  expect(orders).toMatchObject({ latestRestorableTime: '2026-11-25T05:52:00.000Z', backupProtected: true, multiAz: false });
  expect(orders.crossRegion).toEqual([
    { region: 'us-west-2', via: 'backup-copy', name: 'shop-dr', latestTime: '2026-11-25T04:05:00.000Z', warm: false },
  ]);
  expect(orders.restoreTests).toEqual([{ region: 'us-west-2', completedAt: '2026-11-20T10:41:30.000Z', minutes: 42 }]);
  expect(facts['shop-ledger'].crossRegion).toEqual([
    { region: 'us-west-2', via: 'automated-backup-replication', name: 'ab-shop-ledger', latestTime: '2026-11-25T05:40:00.000Z', warm: false },
  ]);
  expect(facts['shop-sessions']).toMatchObject({ multiAz: true, zones: 2, backupRetentionDays: 3, latestSnapshotTime: '2026-11-25T03:00:00.000Z' });
  expect(facts['shop-sessions'].crossRegion).toEqual([{ region: 'us-west-2', via: 'global-datastore', name: 'shop-sessions-usw2', warm: true }]);
  expect(facts['shop-events']).toMatchObject({ kind: 'msk', zones: 3 });
  expect(facts['shop-events'].crossRegion).toEqual([{ region: 'us-west-2', via: 'replicator', name: 'shop-events-to-usw2', warm: true }]);
  expect([facts['shop-worker'].zones, facts['shop-worker'].desiredCount]).toEqual([1, 1]);

  // The recorded facts, judged: the copy to us-west-2 is 1 h 55 min old against an RPO of 4 h; the tested restore took 42 min.
  const crm = { rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' };
  const judged = assessResource(orders, crm, NOW).checks.map(c => [c.disruption, c.objective, c.verdict, c.achievedMinutes]);
  expect(judged).toEqual([
    ['az', 'rpo', 'meets', 8],
    ['az', 'rto', 'meets', 42],
    ['region', 'rpo', 'meets', 115],
    ['region', 'rto', 'meets', 42],
  ]);

  // The published read-only policy allows every call the source made.
  expect(new Set(sent).size).toBeGreaterThanOrEqual(15);
  expect(actionsMissingFromPolicy(Object.fromEntries(sent.map(c => [c, 1])))).toEqual([]);
});
