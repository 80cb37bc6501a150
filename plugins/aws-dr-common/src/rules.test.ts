import { assessResource, compareVerdicts, judge, worstVerdict } from './rules';
import type { DrFacts, RecoveryTargets } from './types';

const NOW = new Date('2026-11-25T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const db = (o: Partial<DrFacts> = {}): DrFacts => ({
  arn: 'arn:aws:rds:us-east-1:111111111111:db:crm-production-primary',
  kind: 'rds-instance',
  name: 'crm-production-primary',
  accountId: '111111111111',
  region: 'us-east-1',
  engine: 'postgres',
  multiAz: true,
  zones: 2,
  latestRestorableTime: ago(4),
  backupRetentionDays: 7,
  backupProtected: false,
  crossRegion: [],
  restoreTests: [],
  ...o,
});

const CRM: RecoveryTargets = { rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' };
const byKey = (facts: DrFacts, targets: RecoveryTargets) =>
  Object.fromEntries(
    assessResource(facts, targets, NOW).checks.map(c => [`${c.disruption}-${c.objective}`, [c.verdict, c.achievedMinutes]]),
  );

describe('judge', () => {
  it('meets within 80 % of the target, is at risk above, breached beyond, and has no verdict without a target', () => {
    expect([judge(60, 48, 'breached'), judge(60, 49, 'breached'), judge(60, 61, 'breached')]).toEqual([
      'meets',
      'at-risk',
      'breached',
    ]);
    expect(judge(undefined, 5, 'breached')).toBe('no-target');
    expect(judge(60, undefined, 'at-risk')).toBe('at-risk');
  });
});

describe('zone loss', () => {
  it('loses nothing with a synchronous standby and fails over in minutes', () => {
    const a = assessResource(db({ crossRegion: [{ region: 'us-west-2', via: 'automated-backup-replication', latestTime: ago(20), warm: false }], restoreTests: [{ region: 'us-west-2', completedAt: ago(3 * 1440), minutes: 45 }] }), CRM, NOW);
    expect(a.checks.slice(0, 2)).toEqual([
      expect.objectContaining({ disruption: 'az', objective: 'rpo', achievedMinutes: 0, verdict: 'meets' }),
      expect.objectContaining({ disruption: 'az', objective: 'rto', achievedMinutes: 2, verdict: 'meets' }),
    ]);
    expect(a.checks[0].sentence).toBe(
      'Zone loss, RPO: a synchronous standby in another Availability Zone loses no committed data (0m against the RPO target of 4h).',
    );
    expect(a.verdict).toBe('meets');
    expect(a.reasons).toHaveLength(4);
  });

  it('restores a single-zone database to its latest restorable time, and has no RTO evidence without a tested restore', () => {
    const single = db({ multiAz: false, zones: 1, latestRestorableTime: ago(5) });
    const a = assessResource(single, { rpoMinutes: 1440, rtoMinutes: 240 }, NOW);
    expect(a.verdict).toBe('at-risk');
    expect(a.reasons).toEqual([
      'Zone loss, RTO: without Multi-AZ a zone loss means a restore, and no restore has been tested, so nothing shows it finishes in time (the RTO target is 4h).',
    ]);
    expect(byKey(single, { rpoMinutes: 1440, rtoMinutes: 240 })['az-rpo']).toEqual(['meets', 5]);
    // A tested restore is evidence.
    const tested = db({ ...single, restoreTests: [{ region: 'us-east-1', completedAt: ago(1440), minutes: 50 }] });
    expect(byKey(tested, { rpoMinutes: 1440, rtoMinutes: 240 })['az-rto']).toEqual(['meets', 50]);
  });

  it('falls back to the newest snapshot without point-in-time recovery, and breaches without any backup', () => {
    const snap = db({ kind: 'elasticache', multiAz: false, zones: 1, latestRestorableTime: undefined, latestSnapshotTime: ago(26 * 60) });
    expect(byKey(snap, { rpoMinutes: 1440 })['az-rpo']).toEqual(['breached', 1560]);
    const none = db({ kind: 'elasticache', multiAz: false, zones: 1, latestRestorableTime: undefined });
    const a = assessResource(none, { rpoMinutes: 60 }, NOW);
    expect(a.checks[0]).toMatchObject({ verdict: 'breached', achievedMinutes: undefined });
    expect(a.checks[0].sentence).toBe(
      'Zone loss, RPO: it runs in one Availability Zone and has no backup, so a zone loss loses the data (the RPO target is 1h).',
    );
  });

  it('counts on Aurora’s three-zone storage, ElastiCache’s asynchronous replicas and MSK brokers across zones', () => {
    expect(byKey(db({ kind: 'rds-cluster', multiAz: false }), { rpoMinutes: 5 })['az-rpo']).toEqual(['meets', 0]);
    expect(byKey(db({ kind: 'elasticache' }), { rpoMinutes: 5, rtoMinutes: 30 })).toMatchObject({
      'az-rpo': ['meets', 1],
      'az-rto': ['meets', 2],
    });
    expect(byKey(db({ kind: 'msk', multiAz: false, zones: 3, latestRestorableTime: undefined }), { rpoMinutes: 5, rtoMinutes: 30 })).toMatchObject({
      'az-rpo': ['meets', 0],
      'az-rto': ['meets', 1],
    });
  });
});

describe('Region loss', () => {
  it('is breached without a copy in the DR Region, and says where the copies go instead', () => {
    const a = assessResource(db({ crossRegion: [{ region: 'eu-west-1', via: 'backup-copy', latestTime: ago(30), warm: false }] }), { rpoMinutes: 5, rtoMinutes: 30, drRegion: 'us-west-2' }, NOW);
    expect(a.verdict).toBe('breached');
    expect(a.reasons).toEqual([
      'Region loss, RPO: no copy of the data reaches us-west-2 (its copies go to eu-west-1): a Region loss loses it (the RPO target is 5m).',
      'Region loss, RTO: there is nothing in us-west-2 to recover from (the RTO target is 30m).',
    ]);
  });

  it('takes the freshest copy for RPO and the quickest warm copy for RTO', () => {
    const facts = db({
      crossRegion: [
        { region: 'us-west-2', via: 'backup-copy', latestTime: ago(150), warm: false },
        { region: 'us-west-2', via: 'read-replica', lagSeconds: 40, warm: true },
      ],
    });
    const checks = assessResource(facts, { rpoMinutes: 15, rtoMinutes: 60, drRegion: 'us-west-2' }, NOW).checks;
    expect(checks.slice(2).map(c => [c.verdict, c.achievedMinutes, c.sentence])).toEqual([
      ['meets', 1, 'Region loss, RPO: the read replica in us-west-2 lags by 40 s (1m against the RPO target of 15m).'],
      ['meets', 15, 'Region loss, RTO: promoting the read replica in us-west-2 takes about 15m (15m against the RTO target of 1h).'],
    ]);
  });

  it('judges a periodic copy by its age and a cold copy by the restores tested, preferring those in the DR Region', () => {
    const facts = db({
      crossRegion: [{ region: 'us-east-1', via: 'backup-copy', latestTime: ago(55), warm: false }],
      region: 'us-west-2',
      restoreTests: [
        { region: 'us-west-2', completedAt: ago(2 * 1440), minutes: 20 },
        { region: 'us-east-1', completedAt: ago(30 * 1440), minutes: 90 },
      ],
    });
    const targets = { rpoMinutes: 60, rtoMinutes: 240, drRegion: 'us-east-1' };
    expect(byKey(facts, targets)).toMatchObject({ 'region-rpo': ['at-risk', 55], 'region-rto': ['meets', 90] });
    const untested = db({ ...facts, restoreTests: [] });
    expect(byKey(untested, targets)['region-rto']).toEqual(['at-risk', undefined]);
    const elsewhere = db({ ...facts, restoreTests: [{ region: 'us-west-2', completedAt: ago(1440), minutes: 20 }] });
    expect(assessResource(elsewhere, targets, NOW).checks[3].sentence).toContain(
      'no restore was tested there, the last one in us-west-2',
    );
  });

  it('is not assessed without a DR Region, and a resource without targets has no verdict', () => {
    const a = assessResource(db(), { rpoMinutes: 1440, rtoMinutes: 240 }, NOW);
    expect(a.checks[2]).toMatchObject({ disruption: 'region', verdict: 'no-target' });
    expect(a.verdict).toBe('meets');
    expect(assessResource(db(), {}, NOW)).toMatchObject({ verdict: 'no-target', reasons: [] });
  });
});

describe('verdicts', () => {
  it('takes the worst, ignoring checks without a target, and orders breaches first', () => {
    expect(worstVerdict(['meets', 'no-target', 'at-risk'])).toBe('at-risk');
    expect(worstVerdict(['no-target'])).toBe('no-target');
    expect(worstVerdict([])).toBe('no-target');
    expect(['meets', 'no-target', 'breached', 'at-risk'].sort(compareVerdicts as any)).toEqual([
      'breached',
      'at-risk',
      'meets',
      'no-target',
    ]);
  });
});

describe('ECS services', () => {
  const service = (o: Partial<DrFacts> = {}): DrFacts =>
    db({
      arn: 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service',
      kind: 'ecs-service',
      name: 'crm-core-service',
      engine: 'fargate',
      zones: 3,
      desiredCount: 3,
      runningCount: 3,
      latestRestorableTime: undefined,
      backupRetentionDays: undefined,
      ...o,
    });
  const standby = { region: 'us-west-2', via: 'standby-service' as const, name: 'crm-production/crm-core-service', warm: true };

  it('loses no data, survives a zone loss across zones and fails over to a standby in the DR Region', () => {
    expect(byKey(service({ crossRegion: [standby] }), CRM)).toEqual({
      'az-rpo': ['meets', 0],
      'az-rto': ['meets', 1],
      'region-rpo': ['meets', 0],
      'region-rto': ['meets', 10],
    });
  });

  it('is breached by a zone loss when its subnets lie in one zone, and at risk without a standby', () => {
    const a = assessResource(service({ zones: 1 }), CRM, NOW);
    expect(a.verdict).toBe('breached');
    expect(a.reasons).toEqual([
      'Zone loss, RTO: its subnets are all in one Availability Zone: ECS cannot start its tasks anywhere else until it is given subnets in other zones (the RTO target is 2h).',
    ]);
    const region = a.checks.find(c => c.disruption === 'region' && c.objective === 'rto')!;
    expect([region.verdict, region.sentence]).toEqual([
      'at-risk',
      'Region loss, RTO: no ECS service of the same name and owner runs in us-west-2, and nothing shows that deploying it there fits the target (the RTO target is 2h).',
    ]);
  });

  it('restarts a lone task in another zone, and the standby in the DR Region is not judged for a Region loss', () => {
    expect(byKey(service({ desiredCount: 1 }), { rtoMinutes: 5 })['az-rto']).toEqual(['at-risk', 5]);
    const waiting = assessResource(service({ region: 'us-west-2', desiredCount: 0, runningCount: 0 }), CRM, NOW);
    expect(waiting.verdict).toBe('meets');
    expect(waiting.checks.filter(c => c.disruption === 'region').map(c => c.sentence)).toEqual([
      'Region loss: it runs in us-west-2, the DR Region, where a Region loss fails over to.',
    ]);
  });
});
