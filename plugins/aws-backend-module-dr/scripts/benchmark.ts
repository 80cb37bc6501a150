/*
 * Benchmark of DR collection and serving (not a test: it prints figures).
 *
 * A fleet on moto_server across 3 accounts × 2 Regions, per account × Region:
 * 10 projects, each an ECS cluster of BENCH_SERVICES_PER_PROJECT services
 * (each with its own task definition, subnets in one to three zones), 8 RDS
 * PostgreSQL instances (every other one Multi-AZ, every third with a manual
 * snapshot) and 4 ElastiCache replication groups with automatic failover. In
 * us-west-2 five projects are us-east-1's standbys (the same services scaled
 * to zero), five are its own. moto lacks what the DR source also reads, so a
 * recorded-answer double in the SDK's middleware answers MSK (2 clusters per
 * project, since moto's ListClustersV2 answer cannot be read by the SDK),
 * MSK replicators, AWS Backup (protected resources, a copy job to the other
 * Region for every other database, a restore job for every fourth) and
 * stands in for RDS's LatestRestorableTime; they are counted like the rest.
 *
 * The catalog: a System per project (its tag selector, RPO, RTO and DR
 * Region) and a Component per ECS service. The collector runs through the
 * pipeline's SourceRuntime; then the answers are built (every resource
 * judged, standbys looked up among every collected resource) and the fleet
 * and entity endpoints are loaded with concurrent clients.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-dr benchmark
 *
 * Options (environment): BENCH_SERVICES_PER_PROJECT (23), BENCH_CLIENTS (20),
 * BENCH_REQUESTS (2000 per endpoint).
 */
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, RDSClient } from '@aws-sdk/client-rds';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CollectionStore, EntityDirectory, KnownResources, SourceRuntime } from '@internal/plugin-aws-backend';
import { quietLogger, reportLoad, serveSources } from '@internal/plugin-aws-backend/testUtils';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { DrDetail, DrRow } from '@internal/plugin-aws-dr-common';
import { AwsClientFactory, readAwsPortalSettings } from '@internal/plugin-aws-node';
import { benchmarkFleetConfig, type RecordedAnswer, runScript, startMotoServer, useRecordedAnswers } from '@internal/plugin-aws-node/testUtils';
import knexFactory from 'knex';
import pLimit from 'p-limit';
import { createDrCollector } from '../src/drCollector';

const SERVICES = Number(process.env.BENCH_SERVICES_PER_PROJECT ?? 23);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const PROJECTS = 10;
const DATABASES = 8;
const CACHES = 4;
const KAFKAS = 2;
const OTHER: Record<string, string> = { 'us-east-1': 'us-west-2', 'us-west-2': 'us-east-1' };

/** The projects of one account × Region, and whether each is the other Region's standby. */
function projects(where: AccountRegion) {
  return Array.from({ length: PROJECTS }, (_, p) => {
    const standby = where.region === 'us-west-2' && p < PROJECTS / 2;
    // A standby carries its primary's name, so that its services match.
    const region = standby ? 'us-east-1' : where.region;
    return { name: `a${where.accountId[0]}-${region}-p${p}`, standby, home: region };
  });
}

async function buildFleet(factory: AwsClientFactory, parts: AccountRegion[]) {
  const limit = pLimit(16);
  await Promise.all(
    parts.map(async where => {
      const ecs = await factory.create(ECSClient, where);
      const rds = await factory.create(RDSClient, where);
      const ec = await factory.create(ElastiCacheClient, where);
      const ec2 = await factory.create(EC2Client, where);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
      const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
      const byZone = [...new Map(Subnets.map(s => [s.AvailabilityZone, s.SubnetId!])).values()];
      const jobs: Array<Promise<unknown>> = [];
      for (const project of projects(where)) {
        const tags = (component: string) => [
          { key: 'Project', value: project.name },
          { key: 'Component', value: component },
        ];
        jobs.push(
          (async () => {
            await ecs.send(new CreateClusterCommand({ clusterName: project.name }));
            await Promise.all(
              Array.from({ length: SERVICES }, (_, s) =>
                limit(async () => {
                  const name = `${project.name}-svc-${s}`;
                  const { taskDefinition } = await ecs.send(
                    new RegisterTaskDefinitionCommand({
                      family: name,
                      requiresCompatibilities: ['FARGATE'],
                      networkMode: 'awsvpc',
                      cpu: '512',
                      memory: '1024',
                      containerDefinitions: [{ name: 'app', image: `registry.example.com/${name}:1`, essential: true }],
                    }),
                  );
                  // One service in ten sits in a single zone; the rest spread over two or three.
                  const zones = s % 10 === 9 ? 1 : 2 + (s % 2);
                  await ecs.send(
                    new CreateServiceCommand({
                      cluster: project.name,
                      serviceName: name,
                      taskDefinition: taskDefinition!.taskDefinitionArn,
                      desiredCount: project.standby ? 0 : 2 + (s % 3),
                      launchType: 'FARGATE',
                      networkConfiguration: {
                        awsvpcConfiguration: { subnets: byZone.slice(0, zones), securityGroups: [SecurityGroups[0].GroupId!] },
                      },
                      tags: tags(`svc-${s}`),
                    }),
                  );
                }),
              ),
            );
          })(),
        );
        if (project.standby) continue;
        for (let d = 0; d < DATABASES; d++) {
          const id = `${project.name}-db-${d}`;
          jobs.push(
            limit(async () => {
              await rds.send(
                new CreateDBInstanceCommand({
                  DBInstanceIdentifier: id,
                  Engine: 'postgres',
                  DBInstanceClass: 'db.r6g.large',
                  AllocatedStorage: 100,
                  MasterUsername: 'app',
                  MasterUserPassword: 'not-a-secret-1',
                  MultiAZ: d % 2 === 0,
                  BackupRetentionPeriod: 7,
                  Tags: tags(`db-${d}`).map(t => ({ Key: t.key, Value: t.value })),
                }),
              );
              if (d % 3 === 0) await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: id, DBSnapshotIdentifier: `${id}-manual` }));
            }),
          );
        }
        for (let c = 0; c < CACHES; c++) {
          jobs.push(
            limit(() =>
              ec.send(
                new CreateReplicationGroupCommand({
                  ReplicationGroupId: `${project.name}-cache-${c}`.slice(0, 40),
                  ReplicationGroupDescription: project.name,
                  Engine: 'redis',
                  CacheNodeType: 'cache.r6g.large',
                  NumCacheClusters: 2,
                  AutomaticFailoverEnabled: true,
                  MultiAZEnabled: true,
                  SnapshotRetentionLimit: 3,
                  Tags: tags(`cache-${c}`).map(t => ({ Key: t.key, Value: t.value })),
                }),
              ),
            ),
          );
        }
      }
      await Promise.all(jobs);
    }),
  );
}

/** What moto lacks, answered for the account × Region asked, as AWS would. */
function recordedAnswers(now: Date): Record<string, RecordedAnswer> {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  return {
    DescribeDBInstancesCommand: {
      amend: output => ({ ...output, DBInstances: output.DBInstances?.map((db: any) => ({ ...db, LatestRestorableTime: at(5) })) }),
    },
    ListClustersV2Command: {
      output: (_input, where) => ({
        ClusterInfoList: projects(where)
          .filter(p => !p.standby)
          .flatMap(p =>
            Array.from({ length: KAFKAS }, (_, k) => ({
              ClusterArn: `arn:aws:kafka:${where.region}:${where.accountId}:cluster/${p.name}-kafka-${k}/0000-${k}`,
              ClusterName: `${p.name}-kafka-${k}`,
              State: 'ACTIVE',
              Provisioned: { NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: { ClientSubnets: ['a', 'b', 'c'] } },
              Tags: { Project: p.name, Component: `kafka-${k}` },
            })),
          ),
      }),
    },
    ListReplicatorsCommand: { output: { Replicators: [] } },
    ListProtectedResourcesCommand: {
      output: (_input, where) => ({ Results: dbArns(where).map(arn => ({ ResourceArn: arn, LastBackupTime: at(90) })) }),
    },
    ListCopyJobsCommand: {
      output: (_input, where) => ({
        CopyJobs: dbArns(where)
          .filter((_, i) => i % 2 === 0)
          .map(arn => ({
            ResourceArn: arn,
            DestinationBackupVaultArn: `arn:aws:backup:${OTHER[where.region]}:${where.accountId}:backup-vault:dr`,
            CreationDate: at(100),
            State: 'COMPLETED',
          })),
      }),
    },
    ListRestoreJobsCommand: {
      output: (_input, where) => ({
        RestoreJobs: dbArns(where)
          .filter((_, i) => i % 4 === 0)
          .map(arn => ({ SourceResourceArn: arn, CreationDate: at(20_000), CompletionDate: at(19_950), Status: 'COMPLETED' })),
      }),
    },
  };
}

function dbArns(where: AccountRegion): string[] {
  return projects(where)
    .filter(p => !p.standby)
    .flatMap(p => Array.from({ length: DATABASES }, (_, d) => `arn:aws:rds:${where.region}:${where.accountId}:db:${p.name}-db-${d}`));
}

function catalog(parts: AccountRegion[]): Entity[] {
  const entities: Entity[] = [];
  for (const where of parts) {
    for (const p of projects(where).filter(x => !x.standby)) {
      const annotations = {
        'aws.portal/account-id': where.accountId,
        'aws.portal/region': where.region,
        'aws.portal/rpo': ['15m', '1h', '4h'][entities.length % 3],
        'aws.portal/rto': ['1h', '2h', '4h'][entities.length % 3],
        'aws.portal/dr-region': OTHER[where.region],
      };
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: p.name, annotations: { ...annotations, 'aws.portal/tag-selector': `Project=${p.name}` } },
        spec: { owner: `team-${entities.length % 25}` },
      });
      for (let s = 0; s < SERVICES; s++) {
        entities.push({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: `${p.name}-svc-${s}`, annotations: { ...annotations, 'aws.portal/tag-selector': `Project=${p.name},Component=svc-${s}` } },
          spec: { type: 'service', lifecycle: 'production', owner: `team-${entities.length % 25}`, system: p.name },
        });
      }
    }
  }
  return entities;
}

async function main() {
  const moto = await startMotoServer();
  try {
    const config = benchmarkFleetConfig(moto.endpoint);
    const { accountRegions } = readAwsPortalSettings(config);
    const factory = AwsClientFactory.fromConfig(config);
    let t0 = performance.now();
    await buildFleet(factory, accountRegions);
    console.log(`fleet built on moto in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const now = new Date();
    const sent = useRecordedAnswers(factory, recordedAnswers(now), { qualified: true });
    const db = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-aws-backend', 'migrations') });
    const store = new CollectionStore(db);
    const entities = catalog(accountRegions);
    const runtime = new SourceRuntime({
      collector: createDrCollector(),
      store,
      clients: factory,
      directory: new EntityDirectory({ catalog: catalogServiceMock({ entities }), auth: mockServices.auth(), logger: quietLogger }),
      knownResources: new KnownResources(store, quietLogger),
      accountRegions,
      demo: false,
      logger: quietLogger,
      staleAfterMs: 3_600_000,
    });

    t0 = performance.now();
    await runtime.collectAll();
    const wall = performance.now() - t0;
    const counts: Record<string, number> = {};
    for (const c of sent) counts[c] = (counts[c] ?? 0) + 1;
    console.log(`collection: ${sent.length} AWS calls in ${(wall / 1000).toFixed(1)} s wall: ${JSON.stringify(counts)}`);

    t0 = performance.now();
    const answer = await runtime.fleetAnswer();
    const built = performance.now() - t0;
    const fleet = JSON.parse(answer.json) as { items: DrRow[] };
    const byKind: Record<string, number> = {};
    const byVerdict: Record<string, number> = {};
    for (const r of fleet.items) {
      byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      byVerdict[r.verdict] = (byVerdict[r.verdict] ?? 0) + 1;
    }
    console.log(
      `answers built in ${built.toFixed(0)} ms: ${fleet.items.length} resources ${JSON.stringify(byKind)}, verdicts ${JSON.stringify(byVerdict)}, ${entities.length} entities; fleet ${(answer.json.length / 1024).toFixed(0)} KiB JSON, ${(answer.gzip.length / 1024).toFixed(0)} KiB gzip`,
    );
    // Each us-east-1 service of a project with a standby should name it.
    let found = 0;
    let expected = 0;
    for (const e of entities.filter(x => x.kind === 'Component' && x.metadata.name.includes('-us-east-1-p') && Number(x.metadata.name.split('-p')[1].split('-')[0]) < PROJECTS / 2)) {
      expected++;
      const detail = JSON.parse((await runtime.entityAnswer(`component:default/${e.metadata.name}`)).json) as { items: DrDetail[] };
      if (detail.items.some(i => i.region === 'us-east-1' && i.crossRegion.some(c => c.via === 'standby-service'))) found++;
    }
    console.log(`us-east-1 services whose standby in us-west-2 was found: ${found} of ${expected}`);

    const before = sent.length;
    const served = await serveSources([runtime]);
    await reportLoad('/dr/fleet', `${served.baseUrl}/dr/fleet`, CLIENTS, REQUESTS);
    const system = entities.find(e => e.kind === 'System')!.metadata.name;
    await reportLoad(`/dr/entity/…/system/${system}`, `${served.baseUrl}/dr/entity/default/system/${system}`, CLIENTS, REQUESTS);
    await served.close();
    console.log(`AWS calls made by page views: ${sent.length - before}`);
    await db.destroy();
  } finally {
    await moto.stop();
  }
}

runScript(main);
