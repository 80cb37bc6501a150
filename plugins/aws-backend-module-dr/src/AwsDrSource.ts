import {
  BackupClient,
  paginateListCopyJobs,
  paginateListProtectedResources,
  paginateListRestoreJobs,
} from '@aws-sdk/client-backup';
import {
  DescribeGlobalReplicationGroupsCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
  paginateDescribeReplicationGroups,
  paginateDescribeSnapshots,
} from '@aws-sdk/client-elasticache';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, type Service, paginateListClusters, paginateListServices } from '@aws-sdk/client-ecs';
import { KafkaClient, paginateListClustersV2, paginateListReplicators } from '@aws-sdk/client-kafka';
import {
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeGlobalClustersCommand,
  type DBCluster,
  type DBInstance,
  RDSClient,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
} from '@aws-sdk/client-rds';
import { type AccountRegion, parseArn } from '@internal/plugin-aws-common';
import type { CrossRegionCopy, DrFacts, RestoreTest } from '@internal/plugin-aws-dr-common';
import { type CollectContext, type CollectedItem, collectionErrorSentence } from '@internal/plugin-aws-node';

/** How far back copy jobs count as the newest copy in a Region. */
const COPY_DAYS = 35;
/** How far back a completed restore counts as RTO evidence. */
const RESTORE_DAYS = 180;

type Tags = Record<string, string>;
const tagRecord = (list?: Array<{ Key?: string; Value?: string }>): Tags =>
  Object.fromEntries((list ?? []).filter(t => t.Key).map(t => [t.Key!, t.Value ?? '']));
const iso = (d?: Date) => (d ? d.toISOString() : undefined);
function newer(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}
const regionOf = (arn: string) => parseArn(arn)?.region ?? '';

/** Read replicas (ARNs when in another Region, bare names in the same one) that live outside `home`. */
function crossRegionReplicas(replicas: string[] | undefined, home: string): CrossRegionCopy[] {
  return (replicas ?? []).flatMap(replica => {
    const region = regionOf(replica);
    return region && region !== home ? [{ region, via: 'read-replica' as const, name: replica.split(':').pop(), warm: true }] : [];
  });
}

/** What AWS Backup knows about the resources of one account × Region. */
interface BackupFacts {
  protectedAt: Map<string, string | undefined>;
  copies: Map<string, CrossRegionCopy[]>;
  restores: Map<string, RestoreTest[]>;
}

/**
 * Reads the recovery facts of one account × Region: RDS instances and Aurora
 * clusters (Multi-AZ, point-in-time recovery, cross-Region replicas, replicated
 * automated backups, global databases, the newest snapshot), ElastiCache
 * replication groups (failover, zones, snapshots, global datastores), MSK
 * clusters (broker zones, replicators) and AWS Backup (protected resources,
 * copy jobs to other Regions, restore jobs as RTO evidence) and ECS services
 * (the zones of their subnets, tasks asked for and running; whether the same
 * service stands by in the DR Region is worked out when answers are built,
 * from what was collected there). AWS Backup and
 * MSK replicators are optional: without access, the facts lack them and the
 * log says why.
 */
export class AwsDrSource {
  async collect(part: AccountRegion, context: CollectContext<DrFacts>): Promise<CollectedItem<DrFacts>[]> {
    const backup = await this.optional(part, context, 'AWS Backup', () => this.backup(part, context));
    const items = [
      ...(await this.rds(part, context)),
      ...(await this.elastiCache(part, context)),
      ...(await this.msk(part, context)),
      ...(await this.ecs(part, context)),
    ];
    for (const store of items) {
      const f = store.data;
      if (!backup) continue;
      if (backup.protectedAt.has(f.arn)) {
        f.backupProtected = true;
        f.latestSnapshotTime = newer(f.latestSnapshotTime, backup.protectedAt.get(f.arn));
      }
      f.crossRegion.push(...(backup.copies.get(f.arn) ?? []));
      f.restoreTests.push(...(backup.restores.get(f.arn) ?? []));
    }
    return items;
  }

  private async optional<T>(
    part: AccountRegion,
    context: CollectContext<DrFacts>,
    what: string,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      context.logger.warn(`${what} not read; the DR facts lack it. ${collectionErrorSentence(part, error)}`);
      return undefined;
    }
  }

  private async rds(part: AccountRegion, context: CollectContext<DrFacts>): Promise<CollectedItem<DrFacts>[]> {
    const rds = await context.clients.create(RDSClient, part);
    const instances: DBInstance[] = [];
    for await (const page of paginateDescribeDBInstances({ client: rds }, {})) instances.push(...(page.DBInstances ?? []));
    const clusters: DBCluster[] = [];
    for await (const page of paginateDescribeDBClusters({ client: rds }, {})) clusters.push(...(page.DBClusters ?? []));
    const snapshots = new Map<string, string>();
    for await (const page of paginateDescribeDBSnapshots({ client: rds }, {})) {
      for (const s of page.DBSnapshots ?? []) {
        if (!s.DBInstanceIdentifier || s.Status !== 'available') continue;
        snapshots.set(s.DBInstanceIdentifier, newer(snapshots.get(s.DBInstanceIdentifier), iso(s.SnapshotCreateTime))!);
      }
    }
    const globals = clusters.length
      ? await this.optional(part, context, 'Aurora global databases', async () =>
          (await rds.send(new DescribeGlobalClustersCommand({}))).GlobalClusters ?? [],
        )
      : [];

    const items: CollectedItem<DrFacts>[] = [];
    for (const db of instances) {
      // Replicas are copies of their source; Aurora members belong to their cluster.
      if (!db.DBInstanceArn || db.ReadReplicaSourceDBInstanceIdentifier || db.DBClusterIdentifier) continue;
      const crossRegion = crossRegionReplicas(db.ReadReplicaDBInstanceIdentifiers, part.region);
      for (const r of db.DBInstanceAutomatedBackupsReplications ?? []) {
        if (r.DBInstanceAutomatedBackupsArn) {
          crossRegion.push(await this.replicatedBackup(part, context, r.DBInstanceAutomatedBackupsArn));
        }
      }
      const zones = new Set([db.AvailabilityZone, db.SecondaryAvailabilityZone].filter(Boolean)).size;
      items.push(
        item(part, db.DBInstanceArn, tagRecord(db.TagList), {
          kind: 'rds-instance',
          name: db.DBInstanceIdentifier ?? db.DBInstanceArn,
          engine: db.Engine,
          multiAz: !!db.MultiAZ,
          zones: Math.max(1, zones),
          latestRestorableTime: iso(db.LatestRestorableTime),
          backupRetentionDays: db.BackupRetentionPeriod,
          latestSnapshotTime: snapshots.get(db.DBInstanceIdentifier ?? ''),
          crossRegion,
        }),
      );
    }
    for (const c of clusters) {
      if (!c.DBClusterArn) continue;
      const crossRegion: CrossRegionCopy[] = [];
      const global = (globals ?? []).find(g => g.GlobalClusterMembers?.some(m => m.DBClusterArn === c.DBClusterArn));
      for (const m of global?.GlobalClusterMembers ?? []) {
        if (m.DBClusterArn && m.DBClusterArn !== c.DBClusterArn) {
          crossRegion.push({ region: regionOf(m.DBClusterArn), via: 'global-database', name: m.DBClusterArn.split(':').pop(), warm: true });
        }
      }
      crossRegion.push(...crossRegionReplicas(c.ReadReplicaIdentifiers, part.region));
      items.push(
        item(part, c.DBClusterArn, tagRecord(c.TagList), {
          kind: 'rds-cluster',
          name: c.DBClusterIdentifier ?? c.DBClusterArn,
          engine: c.Engine,
          multiAz: !!c.MultiAZ,
          zones: Math.max(1, c.AvailabilityZones?.length ?? 1),
          latestRestorableTime: iso(c.LatestRestorableTime),
          backupRetentionDays: c.BackupRetentionPeriod,
          crossRegion,
        }),
      );
    }
    return items;
  }

  /** A replicated automated backup lives in its Region: its latest restorable time is read there. */
  private async replicatedBackup(
    part: AccountRegion,
    context: CollectContext<DrFacts>,
    arn: string,
  ): Promise<CrossRegionCopy> {
    const region = regionOf(arn);
    const copy: CrossRegionCopy = { region, via: 'automated-backup-replication', name: arn.split(':').pop(), warm: false };
    const latest = await this.optional(part, context, `The replicated automated backup ${arn}`, async () => {
      const rds = await context.clients.create(RDSClient, { accountId: part.accountId, region });
      const answer = await rds.send(new DescribeDBInstanceAutomatedBackupsCommand({ DBInstanceAutomatedBackupsArn: arn }));
      return iso(answer.DBInstanceAutomatedBackups?.[0]?.RestoreWindow?.LatestTime);
    });
    return latest ? { ...copy, latestTime: latest } : copy;
  }

  private async elastiCache(part: AccountRegion, context: CollectContext<DrFacts>): Promise<CollectedItem<DrFacts>[]> {
    const ec = await context.clients.create(ElastiCacheClient, part);
    const snapshots = new Map<string, string>();
    for await (const page of paginateDescribeSnapshots({ client: ec }, {})) {
      for (const s of page.Snapshots ?? []) {
        const group = s.ReplicationGroupId ?? s.CacheClusterId;
        if (!group || (s.SnapshotStatus && s.SnapshotStatus !== 'available')) continue;
        for (const n of s.NodeSnapshots ?? []) snapshots.set(group, newer(snapshots.get(group), iso(n.SnapshotCreateTime))!);
      }
    }
    const items: CollectedItem<DrFacts>[] = [];
    for await (const page of paginateDescribeReplicationGroups({ client: ec }, {})) {
      for (const g of page.ReplicationGroups ?? []) {
        if (!g.ARN || !g.ReplicationGroupId) continue;
        const zones = new Set(
          (g.NodeGroups ?? []).flatMap(n => (n.NodeGroupMembers ?? []).map(m => m.PreferredAvailabilityZone)).filter(Boolean),
        );
        const crossRegion: CrossRegionCopy[] = [];
        const globalId = g.GlobalReplicationGroupInfo?.GlobalReplicationGroupId;
        if (globalId && g.GlobalReplicationGroupInfo?.GlobalReplicationGroupMemberRole === 'PRIMARY') {
          const members = await this.optional(part, context, `The global datastore ${globalId}`, async () =>
            (await ec.send(new DescribeGlobalReplicationGroupsCommand({ GlobalReplicationGroupId: globalId, ShowMemberInfo: true })))
              .GlobalReplicationGroups?.[0]?.Members ?? [],
          );
          for (const m of members ?? []) {
            if (m.Role === 'SECONDARY' && m.ReplicationGroupRegion) {
              crossRegion.push({ region: m.ReplicationGroupRegion, via: 'global-datastore', name: m.ReplicationGroupId, warm: true });
            }
          }
        }
        const tags = await this.optional(part, context, `The tags of ${g.ARN}`, async () =>
          tagRecord((await ec.send(new ListTagsForResourceCommand({ ResourceName: g.ARN }))).TagList),
        );
        items.push(
          item(part, g.ARN, tags ?? {}, {
            kind: 'elasticache',
            name: g.ReplicationGroupId,
            engine: g.Engine ?? 'redis',
            multiAz: g.MultiAZ === 'enabled' || g.AutomaticFailover === 'enabled',
            zones: Math.max(1, zones.size),
            backupRetentionDays: g.SnapshotRetentionLimit,
            latestSnapshotTime: snapshots.get(g.ReplicationGroupId),
            crossRegion,
          }),
        );
      }
    }
    return items;
  }

  private async msk(part: AccountRegion, context: CollectContext<DrFacts>): Promise<CollectedItem<DrFacts>[]> {
    const kafka = await context.clients.create(KafkaClient, part);
    const items: CollectedItem<DrFacts>[] = [];
    for await (const page of paginateListClustersV2({ client: kafka }, {})) {
      for (const c of page.ClusterInfoList ?? []) {
        if (!c.ClusterArn) continue;
        const subnets = c.Provisioned?.BrokerNodeGroupInfo?.ClientSubnets?.length;
        items.push(
          item(part, c.ClusterArn, c.Tags ?? {}, {
            kind: 'msk',
            name: c.ClusterName ?? c.ClusterArn,
            engine: 'kafka',
            multiAz: false,
            // Serverless clusters span three zones by design; provisioned brokers one per client subnet's zone.
            zones: c.Serverless ? 3 : Math.max(1, subnets ?? 1),
            crossRegion: [],
          }),
        );
      }
    }
    if (items.length === 0) return items;
    const replicators = await this.optional(part, context, 'MSK replicators', async () => {
      const list = [];
      for await (const page of paginateListReplicators({ client: kafka }, {})) list.push(...(page.Replicators ?? []));
      return list;
    });
    for (const r of replicators ?? []) {
      const byAlias = new Map((r.KafkaClustersSummary ?? []).map(k => [k.KafkaClusterAlias, k.AmazonMskCluster?.MskClusterArn]));
      for (const flow of r.ReplicationInfoSummaryList ?? []) {
        const source = byAlias.get(flow.SourceKafkaClusterAlias);
        const target = byAlias.get(flow.TargetKafkaClusterAlias);
        const from = items.find(i => i.key === source);
        if (from && target) {
          from.data.crossRegion.push({ region: regionOf(target), via: 'replicator', name: r.ReplicatorName, warm: true });
        }
      }
    }
    return items;
  }

  private async ecs(part: AccountRegion, context: CollectContext<DrFacts>): Promise<CollectedItem<DrFacts>[]> {
    const ecs = await context.clients.create(ECSClient, part);
    const services: Service[] = [];
    for await (const clusters of paginateListClusters({ client: ecs }, {})) {
      for (const cluster of clusters.clusterArns ?? []) {
        for await (const page of paginateListServices({ client: ecs }, { cluster })) {
          const arns = page.serviceArns ?? [];
          for (let i = 0; i < arns.length; i += 10) {
            const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10), include: ['TAGS'] }));
            services.push(...(answer.services ?? []).filter(s => s.status !== 'INACTIVE'));
          }
        }
      }
    }
    if (services.length === 0) return [];
    const subnetIds = [...new Set(services.flatMap(s => s.networkConfiguration?.awsvpcConfiguration?.subnets ?? []))];
    const zoneOf = new Map<string, string>();
    if (subnetIds.length) {
      const ec2 = await context.clients.create(EC2Client, part);
      for (let i = 0; i < subnetIds.length; i += 200) {
        const answer = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds.slice(i, i + 200) }));
        for (const subnet of answer.Subnets ?? []) {
          if (subnet.SubnetId && subnet.AvailabilityZone) zoneOf.set(subnet.SubnetId, subnet.AvailabilityZone);
        }
      }
    }
    return services
      .filter(s => s.serviceArn)
      .map(s => {
        const zones = new Set((s.networkConfiguration?.awsvpcConfiguration?.subnets ?? []).map(id => zoneOf.get(id)).filter(Boolean));
        return item(part, s.serviceArn!, Object.fromEntries((s.tags ?? []).filter(t => t.key).map(t => [t.key!, t.value ?? ''])), {
          kind: 'ecs-service',
          name: s.serviceName ?? s.serviceArn!,
          engine: s.launchType?.toLowerCase() ?? s.capacityProviderStrategy?.map(c => c.capacityProvider).join('+').toLowerCase(),
          multiAz: zones.size >= 2,
          zones: Math.max(1, zones.size),
          desiredCount: s.desiredCount ?? 0,
          runningCount: s.runningCount ?? 0,
          crossRegion: [],
        });
      });
  }

  private async backup(part: AccountRegion, context: CollectContext<DrFacts>): Promise<BackupFacts> {
    const backup = await context.clients.create(BackupClient, part);
    const facts: BackupFacts = { protectedAt: new Map(), copies: new Map(), restores: new Map() };
    for await (const page of paginateListProtectedResources({ client: backup }, {})) {
      for (const r of page.Results ?? []) if (r.ResourceArn) facts.protectedAt.set(r.ResourceArn, iso(r.LastBackupTime));
    }
    const now = context.now.getTime();
    const newestCopy = new Map<string, CrossRegionCopy>();
    for await (const page of paginateListCopyJobs(
      { client: backup },
      { ByState: 'COMPLETED', ByCreatedAfter: new Date(now - COPY_DAYS * 86_400_000) },
    )) {
      for (const j of page.CopyJobs ?? []) {
        const region = j.DestinationBackupVaultArn ? regionOf(j.DestinationBackupVaultArn) : '';
        if (!j.ResourceArn || !region || region === part.region) continue;
        // The copy job starts once its recovery point exists: its creation is when the copied data was taken, at the latest.
        const latestTime = iso(j.CreationDate);
        const key = `${j.ResourceArn}|${region}`;
        const seen = newestCopy.get(key);
        if (!seen || newer(seen.latestTime, latestTime) !== seen.latestTime) {
          newestCopy.set(key, { region, via: 'backup-copy', name: j.DestinationBackupVaultArn?.split(':').pop(), latestTime, warm: false });
        }
      }
    }
    for (const [key, copy] of newestCopy) {
      const arn = key.slice(0, key.lastIndexOf('|'));
      facts.copies.set(arn, [...(facts.copies.get(arn) ?? []), copy]);
    }
    for await (const page of paginateListRestoreJobs(
      { client: backup },
      { ByStatus: 'COMPLETED', ByCreatedAfter: new Date(now - RESTORE_DAYS * 86_400_000) },
    )) {
      for (const j of page.RestoreJobs ?? []) {
        if (!j.SourceResourceArn || !j.CreationDate || !j.CompletionDate) continue;
        const test: RestoreTest = {
          region: j.CreatedResourceArn ? regionOf(j.CreatedResourceArn) || part.region : part.region,
          completedAt: j.CompletionDate.toISOString(),
          minutes: Math.ceil((j.CompletionDate.getTime() - j.CreationDate.getTime()) / 60_000),
        };
        facts.restores.set(j.SourceResourceArn, [...(facts.restores.get(j.SourceResourceArn) ?? []), test]);
      }
    }
    return facts;
  }
}

function item(
  part: AccountRegion,
  arn: string,
  tags: Tags,
  facts: Omit<DrFacts, 'arn' | 'accountId' | 'region' | 'backupProtected' | 'restoreTests'>,
): CollectedItem<DrFacts> {
  return {
    key: arn,
    accountId: part.accountId,
    region: part.region,
    tags,
    data: { arn, accountId: part.accountId, region: part.region, backupProtected: false, restoreTests: [], ...facts },
  };
}
