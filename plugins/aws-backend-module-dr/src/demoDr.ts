import type { AccountRegion } from '@internal/plugin-aws-common';
import type { CrossRegionCopy, DrFacts, RestoreTest } from '@internal/plugin-aws-dr-common';
import { type CollectedItem, DEMO_ACCOUNTS, DEMO_SERVICES, type DemoService } from '@internal/plugin-aws-node';

interface DemoResource {
  where: string;
  facts: Omit<DrFacts, 'accountId' | 'region' | 'arn' | 'crossRegion' | 'restoreTests' | 'latestRestorableTime' | 'latestSnapshotTime'>;
  arn: string;
  tags: Record<string, string>;
  /** Minutes before now. */
  restorableAgo?: number;
  snapshotAgo?: number;
  copies?: Array<Omit<CrossRegionCopy, 'latestTime'> & { ago?: number }>;
  restores?: Array<Omit<RestoreTest, 'completedAt'> & { daysAgo: number }>;
}

const tags = (project: string, component: string, costCenter?: string) => ({
  Project: project,
  Component: component,
  ...(costCenter ? { CostCenter: costCenter } : {}),
});

/**
 * The seed systems' data stores with the recovery states their documents
 * describe: CRM meets RPO 4 h / RTO 2 h with backups replicated to
 * us-west-2; the CRM monolith meets 15 min / 1 h with a cross-Region read
 * replica and a global datastore; ApexAI's MySQL runs without Multi-AZ and
 * no restore was ever tested; What If's copies to us-east-1 run close to
 * its 1 h RPO; the analytics platform breaches 5 min / 30 min because
 * nothing is copied to us-west-2.
 */
const DEMO: DemoResource[] = [
  {
    where: '111111111111/us-east-1',
    arn: 'arn:aws:rds:us-east-1:111111111111:db:crm-production-primary',
    tags: tags('CRM-System', 'database', 'finance-consulting'),
    facts: { kind: 'rds-instance', name: 'crm-production-primary', engine: 'postgres', multiAz: true, zones: 2, backupRetentionDays: 7, backupProtected: true },
    restorableAgo: 4,
    snapshotAgo: 9 * 60,
    copies: [{ region: 'us-west-2', via: 'automated-backup-replication', name: 'crm-production-primary', ago: 20, warm: false }],
    restores: [{ region: 'us-west-2', minutes: 48, daysAgo: 12 }],
  },
  {
    where: '111111111111/us-east-1',
    arn: 'arn:aws:elasticache:us-east-1:111111111111:replicationgroup:crm-redis-cluster',
    tags: tags('CRM-System', 'cache', 'finance-consulting'),
    facts: { kind: 'elasticache', name: 'crm-redis-cluster', engine: 'redis', multiAz: true, zones: 3, backupRetentionDays: 7, backupProtected: true },
    snapshotAgo: 3 * 60,
    copies: [{ region: 'us-west-2', via: 'backup-copy', name: 'crm-dr-vault', ago: 150, warm: false }],
    restores: [{ region: 'us-west-2', minutes: 35, daysAgo: 12 }],
  },
  {
    where: '111111111111/us-east-1',
    arn: 'arn:aws:rds:us-east-1:111111111111:db:crm-monolith-mysql',
    tags: tags('CRM-Monolith', 'database', 'crm-modular'),
    facts: { kind: 'rds-instance', name: 'crm-monolith-mysql', engine: 'mysql', multiAz: true, zones: 2, backupRetentionDays: 14, backupProtected: false },
    restorableAgo: 3,
    snapshotAgo: 11 * 60,
    copies: [{ region: 'us-west-2', via: 'read-replica', name: 'crm-monolith-mysql-dr', lagSeconds: 40, warm: true }],
  },
  {
    where: '111111111111/us-east-1',
    arn: 'arn:aws:elasticache:us-east-1:111111111111:replicationgroup:crm-monolith-redis',
    tags: tags('CRM-Monolith', 'cache', 'crm-modular'),
    facts: { kind: 'elasticache', name: 'crm-monolith-redis', engine: 'redis', multiAz: true, zones: 3, backupRetentionDays: 3, backupProtected: false },
    snapshotAgo: 6 * 60,
    copies: [{ region: 'us-west-2', via: 'global-datastore', name: 'crm-monolith-redis-usw2', lagSeconds: 2, warm: true }],
  },
  {
    where: '222222222222/us-east-1',
    arn: 'arn:aws:rds:us-east-1:222222222222:db:apexai-production-mysql',
    tags: tags('ApexAI-CRM', 'database', 'apexai-product'),
    facts: { kind: 'rds-instance', name: 'apexai-production-mysql', engine: 'mysql', multiAz: false, zones: 1, backupRetentionDays: 7, backupProtected: false },
    restorableAgo: 5,
    snapshotAgo: 14 * 60,
  },
  {
    where: '222222222222/us-east-1',
    arn: 'arn:aws:elasticache:us-east-1:222222222222:replicationgroup:apexai-redis',
    tags: tags('ApexAI-CRM', 'cache', 'apexai-product'),
    facts: { kind: 'elasticache', name: 'apexai-redis', engine: 'redis', multiAz: true, zones: 2, backupRetentionDays: 1, backupProtected: false },
    snapshotAgo: 20 * 60,
  },
  {
    where: '222222222222/us-west-2',
    arn: 'arn:aws:rds:us-west-2:222222222222:db:whatif-users',
    tags: tags('What-If', 'database', 'whatif-product'),
    facts: { kind: 'rds-instance', name: 'whatif-users', engine: 'postgres', multiAz: true, zones: 2, backupRetentionDays: 7, backupProtected: true },
    restorableAgo: 4,
    snapshotAgo: 55,
    copies: [{ region: 'us-east-1', via: 'backup-copy', name: 'whatif-dr-vault', ago: 55, warm: false }],
    restores: [{ region: 'us-east-1', minutes: 90, daysAgo: 30 }],
  },
  {
    where: '222222222222/us-west-2',
    arn: 'arn:aws:elasticache:us-west-2:222222222222:replicationgroup:whatif-redis',
    tags: tags('What-If', 'cache'),
    facts: { kind: 'elasticache', name: 'whatif-redis', engine: 'redis', multiAz: true, zones: 2, backupRetentionDays: 2, backupProtected: true },
    snapshotAgo: 40,
    copies: [{ region: 'us-east-1', via: 'backup-copy', name: 'whatif-dr-vault', ago: 40, warm: false }],
  },
  {
    where: '333333333333/us-east-1',
    arn: 'arn:aws:rds:us-east-1:333333333333:db:analytics-primary',
    tags: tags('Analytics', 'database', 'data-platform'),
    facts: { kind: 'rds-instance', name: 'analytics-primary', engine: 'postgres', multiAz: true, zones: 2, backupRetentionDays: 7, backupProtected: false },
    restorableAgo: 3,
    snapshotAgo: 7 * 60,
  },
  {
    where: '333333333333/us-east-1',
    arn: 'arn:aws:elasticache:us-east-1:333333333333:replicationgroup:analytics-cache',
    tags: tags('Analytics', 'cache', 'data-platform'),
    facts: { kind: 'elasticache', name: 'analytics-cache', engine: 'redis', multiAz: true, zones: 2, backupRetentionDays: 1, backupProtected: false },
    snapshotAgo: 8 * 60,
  },
  {
    where: '333333333333/us-east-1',
    arn: 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/00000000-0000-0000-0000-000000000001',
    tags: tags('Analytics', 'kafka', 'data-platform'),
    facts: { kind: 'msk', name: 'analytics-kafka', engine: 'kafka', multiAz: false, zones: 3, backupProtected: false },
  },
];

/**
 * Where standby ECS services wait, scaled to zero, for a Region loss: the CRM
 * and CRM monolith services in us-west-2 (their plans fail over there), the
 * analytics services there too (its document's "ECS Services (standby)").
 * What If and ApexAI keep none.
 */
const STANDBY_REGION: Record<string, string> = {
  'CRM-System': 'us-west-2',
  'CRM-Monolith': 'us-west-2',
  Analytics: 'us-west-2',
};

/** Subnets across three zones for the CRM (its document's layout), two for the others. */
const zonesOf = (s: DemoService) => (s.tags.Project === 'CRM-System' ? 3 : 2);

function demoServiceFacts(s: DemoService, region: string, standby: boolean): CollectedItem<DrFacts> {
  const arn = `arn:aws:ecs:${region}:${s.accountId}:service/${s.cluster}/${s.name}`;
  const desired = standby ? 0 : s.desiredCount;
  return {
    key: arn,
    accountId: s.accountId,
    region,
    tags: s.tags,
    data: {
      arn,
      kind: 'ecs-service',
      name: s.name,
      engine: 'fargate',
      accountId: s.accountId,
      region,
      multiAz: true,
      zones: zonesOf(s),
      desiredCount: desired,
      runningCount: s.scenario === 'failed-rollout' ? Math.max(0, desired - 1) : desired,
      backupProtected: false,
      crossRegion: [],
      restoreTests: [],
    },
  };
}

/** The demo ECS services, and the standbys, of one account × Region. */
function demoServices(part: AccountRegion): CollectedItem<DrFacts>[] {
  return DEMO_SERVICES.flatMap(s => {
    const standby = STANDBY_REGION[s.tags.Project];
    const items: CollectedItem<DrFacts>[] = [];
    if (s.accountId !== part.accountId) return items;
    if (s.region === part.region) items.push(demoServiceFacts(s, part.region, false));
    if (standby === part.region && standby !== s.region) items.push(demoServiceFacts(s, standby, true));
    return items;
  });
}

/** The demo account × Regions of the DR source: the fleet's, and the Regions its standbys wait in. */
export function demoDrParts(fleet: AccountRegion[]): AccountRegion[] {
  const parts = new Map(fleet.map(p => [`${p.accountId}/${p.region}`, p]));
  for (const s of DEMO_SERVICES) {
    const region = STANDBY_REGION[s.tags.Project];
    if (region && !parts.has(`${s.accountId}/${region}`)) {
      const accountName = DEMO_ACCOUNTS.find(a => a.accountId === s.accountId)?.name;
      parts.set(`${s.accountId}/${region}`, { accountId: s.accountId, region, accountName });
    }
  }
  return [...parts.values()];
}

/** The demo data stores and ECS services of one account × Region, with times relative to `now`. */
export function demoDr(part: AccountRegion, now: Date): CollectedItem<DrFacts>[] {
  const at = (minutes?: number) => (minutes === undefined ? undefined : new Date(now.getTime() - minutes * 60_000).toISOString());
  const stores = DEMO.filter(d => d.where === `${part.accountId}/${part.region}`).map((d): CollectedItem<DrFacts> => ({
    key: d.arn,
    accountId: part.accountId,
    region: part.region,
    tags: d.tags,
    data: {
      ...d.facts,
      arn: d.arn,
      accountId: part.accountId,
      region: part.region,
      latestRestorableTime: at(d.restorableAgo),
      latestSnapshotTime: at(d.snapshotAgo),
      crossRegion: (d.copies ?? []).map(({ ago, ...c }) => (ago === undefined ? c : { ...c, latestTime: at(ago) })),
      restoreTests: (d.restores ?? []).map(({ daysAgo, ...r }) => ({ ...r, completedAt: at(daysAgo * 1440)! })),
    },
  }));
  return [...stores, ...demoServices(part)];
}
