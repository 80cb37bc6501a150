import {
  type DrDetail,
  type DrFacts,
  type DrRow,
  type RecoveryTargets,
  assessResource,
  compareVerdicts,
} from '@internal/plugin-aws-dr-common';
import type { AwsCollector, ItemOwner } from '@internal/plugin-aws-node';
import { AwsDrSource } from './AwsDrSource';
import { demoDr } from './demoDr';

/** The targets of the most specific owner that declares any. */
function targetsOf(owners: ItemOwner[] | undefined): RecoveryTargets {
  return owners?.find(o => o.recovery)?.recovery ?? {};
}

/**
 * Disaster-recovery facts of the data stores (RDS, Aurora, ElastiCache, MSK,
 * with AWS Backup) as a source of the collection pipeline, assessed when the
 * answers are built against the RPO, RTO and DR Region of the entities that
 * own them, so that ages are those of the moment of reading.
 *
 * @public
 */
export function createDrCollector(): AwsCollector<DrFacts, DrRow, DrDetail> {
  const aws = new AwsDrSource();
  return {
    id: 'dr',
    itemNoun: 'data store',
    defaultSchedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 5 } },

    collect: (part, context) => aws.collect(part, context),

    demo: demoDr,

    present({ data, collectedAt }, { now, owner, owners }) {
      const targets = targetsOf(owners ?? (owner ? [owner] : []));
      const assessment = assessResource(data, targets, now);
      const region = assessment.checks.find(c => c.disruption === 'region' && c.objective === 'rpo');
      const zone = assessment.checks.find(c => c.disruption === 'az' && c.objective === 'rpo');
      return {
        detail: { ...data, targets, assessment, collectedAt },
        row: {
          arn: data.arn,
          kind: data.kind,
          name: data.name,
          accountId: data.accountId,
          region: data.region,
          entityRef: owner?.entityRef,
          system: owner?.system,
          owner: owner?.owner,
          targets,
          verdict: assessment.verdict,
          achievedRpoMinutes: targets.drRegion ? region?.achievedMinutes : zone?.achievedMinutes,
          reasons: assessment.reasons,
          collectedAt,
        },
      };
    },

    compareRows(a, b) {
      return compareVerdicts(a.verdict, b.verdict) || (a.system ?? '~').localeCompare(b.system ?? '~') || a.name.localeCompare(b.name);
    },
  };
}
