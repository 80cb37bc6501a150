import { formatMinutes } from '@internal/plugin-aws-common';
import {
  type CrossRegionCopy,
  DR_VERDICTS,
  type DrAssessment,
  type DrCheck,
  type DrFacts,
  type DrVerdict,
  type RecoveryTargets,
} from './types';

/**
 * Above this share of its target, an objective that is still met is at risk:
 * a backup a little late, a replica a little behind, and it is breached.
 */
const MARGIN = 0.8;

/** How long automatic failover to another Availability Zone takes, by kind (AWS's published figures, rounded up). */
const FAILOVER_MINUTES: Record<DrFacts['kind'], number> = {
  'rds-instance': 2,
  'rds-cluster': 1,
  elasticache: 2,
  msk: 1,
  'ecs-service': 5,
};

/** How long it takes to make a warm copy in the DR Region take traffic. */
const PROMOTION: Record<CrossRegionCopy['via'], { minutes: number; what: string }> = {
  'read-replica': { minutes: 15, what: 'promoting the read replica' },
  'global-database': { minutes: 5, what: 'failing the global database over to its secondary cluster' },
  'global-datastore': { minutes: 5, what: 'promoting the global datastore’s secondary cluster' },
  replicator: { minutes: 10, what: 'moving clients to the cluster the MSK replicator writes to' },
  'standby-service': { minutes: 10, what: 'scaling out the standby ECS service and moving traffic to it' },
  'automated-backup-replication': { minutes: 0, what: '' },
  'backup-copy': { minutes: 0, what: '' },
};

const COPY_NAMES: Record<CrossRegionCopy['via'], string> = {
  'read-replica': 'read replica',
  'global-database': 'global database secondary',
  'global-datastore': 'global datastore secondary',
  replicator: 'MSK replicator target',
  'automated-backup-replication': 'replicated automated backup',
  'backup-copy': 'AWS Backup copy',
  'standby-service': 'standby ECS service',
};

const CONTINUOUS = new Set<CrossRegionCopy['via']>(['read-replica', 'global-database', 'global-datastore', 'replicator', 'standby-service']);

const STATELESS = 'an ECS service keeps no data of its own; its data stores are assessed on their own';

/** Minutes rounded up: data loss and recovery time are never flattered. */
const up = (minutes: number) => Math.max(0, Math.ceil(minutes - 1e-9));
const fmt = (minutes: number) => formatMinutes(up(minutes));
const age = (iso: string, now: Date) => Math.max(0, (now.getTime() - Date.parse(iso)) / 60_000);

/** The verdict of an achieved figure against a target; `missing` when nothing shows the figure. */
export function judge(target: number | undefined, achieved: number | undefined, missing: DrVerdict): DrVerdict {
  if (target === undefined) return 'no-target';
  if (achieved === undefined) return missing;
  if (achieved > target) return 'breached';
  if (achieved > target * MARGIN) return 'at-risk';
  return 'meets';
}

function check(
  disruption: DrCheck['disruption'],
  objective: DrCheck['objective'],
  target: number | undefined,
  achieved: number | undefined,
  missing: DrVerdict,
  fact: string,
): DrCheck {
  const verdict = judge(target, achieved, missing);
  const name = objective.toUpperCase();
  let against = `no ${name} target is set`;
  if (target !== undefined && achieved === undefined) against = `the ${name} target is ${fmt(target)}`;
  if (target !== undefined && achieved !== undefined) {
    const spare = { breached: ', breached', 'at-risk': ', with less than 20 % to spare', meets: '', 'no-target': '' }[verdict];
    against = `${fmt(achieved)} against the ${name} target of ${fmt(target)}${spare}`;
  }
  return {
    disruption,
    objective,
    targetMinutes: target,
    achievedMinutes: achieved === undefined ? undefined : up(achieved),
    verdict,
    sentence: `${disruption === 'az' ? 'Zone loss' : 'Region loss'}, ${name}: ${fact} (${against}).`,
  };
}

/** Data lost when the resource's Availability Zone fails. */
function zoneRpo(f: DrFacts, targets: RecoveryTargets, now: Date): DrCheck {
  const target = targets.rpoMinutes;
  if (f.kind === 'ecs-service') return check('az', 'rpo', target, 0, 'breached', STATELESS);
  if (f.kind === 'rds-cluster') {
    return check('az', 'rpo', target, 0, 'breached', 'Aurora keeps six copies of the data across three Availability Zones; a zone loss loses no committed data');
  }
  if (f.multiAz && f.kind === 'rds-instance') {
    return check('az', 'rpo', target, 0, 'breached', 'a synchronous standby in another Availability Zone loses no committed data');
  }
  if (f.multiAz && f.kind === 'elasticache') {
    return check('az', 'rpo', target, 1, 'breached', 'replicas in other Availability Zones take over; replication is asynchronous, so the last second or so of writes may be lost');
  }
  if (f.kind === 'msk' && f.zones >= 2) {
    return check('az', 'rpo', target, 0, 'breached', `brokers in ${f.zones} Availability Zones hold replicas of every partition whose replication factor is 2 or more`);
  }
  const where = f.zones <= 1 ? 'it runs in one Availability Zone' : 'it has no automatic failover';
  if (f.latestRestorableTime) {
    const lost = age(f.latestRestorableTime, now);
    return check('az', 'rpo', target, lost, 'breached', `${where}, so a zone loss means a point-in-time restore to ${fmt(lost)} ago`);
  }
  if (f.latestSnapshotTime) {
    const lost = age(f.latestSnapshotTime, now);
    return check('az', 'rpo', target, lost, 'breached', `${where}, so a zone loss means restoring the newest snapshot, ${fmt(lost)} old`);
  }
  return check('az', 'rpo', target, undefined, 'breached', `${where} and has no backup, so a zone loss loses the data`);
}

/** How long the resource takes to come back when its Availability Zone fails. */
function zoneRto(f: DrFacts, targets: RecoveryTargets): DrCheck {
  const target = targets.rtoMinutes;
  if (f.kind === 'ecs-service') return serviceZoneRto(f, target);
  const failover = f.multiAz || (f.kind === 'msk' && f.zones >= 2);
  if (failover) {
    const minutes = FAILOVER_MINUTES[f.kind];
    return check('az', 'rto', target, minutes, 'at-risk', `automatic failover to another Availability Zone takes about ${fmt(minutes)}`);
  }
  const test = newest(f.restoreTests);
  if (test) {
    return check('az', 'rto', target, test.minutes, 'at-risk', `without Multi-AZ a zone loss means a restore; the last tested restore (${test.completedAt.slice(0, 10)}) took ${fmt(test.minutes)}`);
  }
  return check('az', 'rto', target, undefined, 'at-risk', 'without Multi-AZ a zone loss means a restore, and no restore has been tested, so nothing shows it finishes in time');
}

/** An ECS service survives a zone loss when its subnets span zones: ECS places tasks in the zones left. */
function serviceZoneRto(f: DrFacts, target: number | undefined): DrCheck {
  const desired = f.desiredCount ?? 0;
  if (desired === 0) return check('az', 'rto', target, 0, 'at-risk', 'it asks for no tasks, so a zone loss stops nothing');
  if (f.zones >= 2 && desired >= 2) {
    return check('az', 'rto', target, 1, 'at-risk', `its ${desired} tasks are spread over subnets in ${f.zones} Availability Zones: the others keep serving while ECS replaces the lost ones`);
  }
  if (f.zones >= 2) {
    return check('az', 'rto', target, FAILOVER_MINUTES['ecs-service'], 'at-risk', `its one task stops with its zone; ECS starts another in one of its subnets' other ${f.zones - 1} zone${f.zones > 2 ? 's' : ''} in about ${fmt(FAILOVER_MINUTES['ecs-service'])}`);
  }
  return check('az', 'rto', target, undefined, 'breached', 'its subnets are all in one Availability Zone: ECS cannot start its tasks anywhere else until it is given subnets in other zones');
}

/** What a copy in the DR Region would lose: its lag, or the age of its newest restorable point. */
function copyLoss(c: CrossRegionCopy, now: Date): { minutes?: number; fact: string } {
  const name = COPY_NAMES[c.via];
  if (CONTINUOUS.has(c.via)) {
    if (c.lagSeconds !== undefined) {
      return { minutes: c.lagSeconds / 60, fact: `the ${name} in ${c.region} lags by ${Math.round(c.lagSeconds)} s` };
    }
    return { minutes: 1, fact: `the ${name} in ${c.region} replicates asynchronously (lag not measured; typically under a minute)` };
  }
  if (c.latestTime) {
    const minutes = age(c.latestTime, now);
    return { minutes, fact: `the newest ${name} in ${c.region} is ${fmt(minutes)} old` };
  }
  return { fact: `the ${name} in ${c.region} has no restorable point yet` };
}

function regionChecks(f: DrFacts, targets: RecoveryTargets, now: Date): DrCheck[] {
  const dr = targets.drRegion;
  if (!dr) {
    return [
      {
        disruption: 'region',
        objective: 'rpo',
        verdict: 'no-target',
        sentence: 'Region loss: no DR Region is declared (aws.portal/dr-region), so a Region loss is not assessed.',
      },
    ];
  }
  if (f.region === dr) {
    return [
      {
        disruption: 'region',
        objective: 'rpo',
        verdict: 'no-target',
        sentence: `Region loss: it runs in ${dr}, the DR Region, where a Region loss fails over to.`,
      },
    ];
  }
  const copies = f.crossRegion.filter(c => c.region === dr);
  if (f.kind === 'ecs-service') {
    const standby = copies.find(c => c.via === 'standby-service');
    const minutes = PROMOTION['standby-service'].minutes;
    return [
      check('region', 'rpo', targets.rpoMinutes, 0, 'breached', STATELESS),
      standby
        ? check('region', 'rto', targets.rtoMinutes, minutes, 'at-risk', `${PROMOTION['standby-service'].what} in ${dr} (${standby.name}) takes about ${fmt(minutes)}`)
        : check('region', 'rto', targets.rtoMinutes, undefined, 'at-risk', `no ECS service of the same name and owner runs in ${dr}, and nothing shows that deploying it there fits the target`),
    ];
  }
  if (copies.length === 0) {
    const elsewhere = [...new Set(f.crossRegion.map(c => c.region))];
    const note = elsewhere.length ? ` (its copies go to ${elsewhere.join(', ')})` : '';
    return [
      check('region', 'rpo', targets.rpoMinutes, undefined, 'breached', `no copy of the data reaches ${dr}${note}: a Region loss loses it`),
      check('region', 'rto', targets.rtoMinutes, undefined, 'breached', `there is nothing in ${dr} to recover from`),
    ];
  }
  const losses = copies.map(c => ({ c, ...copyLoss(c, now) }));
  const measured = losses.filter(l => l.minutes !== undefined).sort((a, b) => a.minutes! - b.minutes!);
  const best = measured[0] ?? losses[0];
  const rpo = check('region', 'rpo', targets.rpoMinutes, best.minutes, 'breached', best.fact);

  const warm = copies
    .filter(c => c.warm)
    .sort((a, b) => PROMOTION[a.via].minutes - PROMOTION[b.via].minutes)[0];
  let rto: DrCheck;
  if (warm) {
    const p = PROMOTION[warm.via];
    rto = check('region', 'rto', targets.rtoMinutes, p.minutes, 'at-risk', `${p.what} in ${dr} takes about ${fmt(p.minutes)}`);
  } else {
    const inDr = newest(f.restoreTests.filter(t => t.region === dr));
    const anywhere = newest(f.restoreTests);
    if (inDr) {
      rto = check('region', 'rto', targets.rtoMinutes, inDr.minutes, 'at-risk', `nothing runs in ${dr}; the last restore tested there (${inDr.completedAt.slice(0, 10)}) took ${fmt(inDr.minutes)}`);
    } else if (anywhere) {
      rto = check('region', 'rto', targets.rtoMinutes, anywhere.minutes, 'at-risk', `nothing runs in ${dr}; no restore was tested there, the last one in ${anywhere.region} (${anywhere.completedAt.slice(0, 10)}) took ${fmt(anywhere.minutes)}`);
    } else {
      rto = check('region', 'rto', targets.rtoMinutes, undefined, 'at-risk', `nothing runs in ${dr} and restoring the copy there has never been tested`);
    }
  }
  return [rpo, rto];
}

/**
 * Assesses a resource against its entity's recovery targets: achieved RPO
 * and RTO evidence for the loss of its Availability Zone and of its Region,
 * each check with its sentence, and the worst verdict.
 *
 * @public
 */
export function assessResource(facts: DrFacts, targets: RecoveryTargets, now: Date): DrAssessment {
  const checks = [zoneRpo(facts, targets, now), zoneRto(facts, targets), ...regionChecks(facts, targets, now)];
  const verdict = worstVerdict(checks.map(c => c.verdict));
  return {
    verdict,
    checks,
    reasons: verdict === 'no-target' ? [] : checks.filter(c => c.verdict === verdict).map(c => c.sentence),
  };
}

/**
 * The worst of several verdicts, ignoring those without a target; `no-target`
 * when none has one.
 *
 * @public
 */
export function worstVerdict(verdicts: Iterable<DrVerdict>): DrVerdict {
  let worst: DrVerdict = 'no-target';
  for (const v of verdicts) {
    if (DR_VERDICTS.indexOf(v) < DR_VERDICTS.indexOf(worst)) worst = v;
  }
  return worst;
}

/** Orders verdicts worst first. @public */
export function compareVerdicts(a: DrVerdict, b: DrVerdict): number {
  return DR_VERDICTS.indexOf(a) - DR_VERDICTS.indexOf(b);
}

function newest<T extends { completedAt: string }>(tests: T[]): T | undefined {
  return [...tests].sort((a, b) => b.completedAt.localeCompare(a.completedAt))[0];
}
