import {
  type CrossRegionCopy,
  type DrDetail,
  type DrFacts,
  type DrRow,
  type RecoveryTargets,
  assessResource,
  compareVerdicts,
} from '@internal/plugin-aws-dr-common';
import { parseArn } from '@internal/plugin-aws-common';
import type { AwsCollector, ItemOwner, KnownResource } from '@internal/plugin-aws-node';
import { AwsDrSource } from './AwsDrSource';
import { demoDr, demoDrParts } from './demoDr';

/** The targets of the most specific owner that declares any. */
function targetsOf(owners: ItemOwner[] | undefined): RecoveryTargets {
  return owners?.find(o => o.recovery)?.recovery ?? {};
}

/** The collected ECS services by Region and name, built once per answer (the known resources are too). */
const servicesByRegionAndName = new WeakMap<KnownResource[], Map<string, KnownResource[]>>();
function ecsServices(known: KnownResource[]): Map<string, KnownResource[]> {
  let index = servicesByRegionAndName.get(known);
  if (!index) {
    index = new Map();
    for (const r of known) {
      const arn = parseArn(r.arn);
      if (arn?.service !== 'ecs' || !arn.resource.startsWith('service/')) continue;
      const key = `${arn.region}|${arn.resource.split('/').pop()}`;
      index.set(key, [...(index.get(key) ?? []), r]);
    }
    servicesByRegionAndName.set(known, index);
  }
  return index;
}

/**
 * The ECS service of the same name and owning entity in the DR Region, if the
 * pipeline collected one there: the standby a Region loss fails over to.
 */
function standbyService(
  data: DrFacts,
  drRegion: string | undefined,
  owner: ItemOwner | undefined,
  known: (() => KnownResource[]) | undefined,
): CrossRegionCopy[] {
  if (data.kind !== 'ecs-service' || !drRegion || !owner || !known || data.region === drRegion) return [];
  const standby = ecsServices(known())
    .get(`${drRegion}|${data.name}`)
    ?.find(r => r.owners.some(o => o.entityRef === owner.entityRef));
  return standby ? [{ region: drRegion, via: 'standby-service', name: standby.arn.split('/').slice(-2).join('/'), warm: true }] : [];
}

/**
 * Disaster-recovery facts of the ECS services and data stores (RDS, Aurora, ElastiCache, MSK,
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
    itemNoun: 'resource',
    defaultSchedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 5 } },

    collect: (part, context) => aws.collect(part, context),

    demo: demoDr,
    // The demo's standby services wait in Regions its fleet does not run in.
    parts: ({ accountRegions, demo }) => (demo ? demoDrParts(accountRegions) : accountRegions),

    readsKnownResources: true,

    present({ data: collected, collectedAt }, { now, owner, owners, knownResources }) {
      const targets = targetsOf(owners ?? (owner ? [owner] : []));
      const standby = standbyService(collected, targets.drRegion, owner, knownResources);
      const data = standby.length ? { ...collected, crossRegion: [...collected.crossRegion, ...standby] } : collected;
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
      return compareVerdicts(a.verdict, b.verdict) || (a.system ?? '~').localeCompare(b.system ?? '~') || a.name.localeCompare(b.name) || a.region.localeCompare(b.region);
    },
  };
}
