/**
 * The resources whose recovery the portal assesses.
 *
 * @public
 */
export type DrResourceKind = 'rds-instance' | 'rds-cluster' | 'elasticache' | 'msk' | 'ecs-service';

/** @public */
export const DR_KIND_LABELS: Record<DrResourceKind, string> = {
  'rds-instance': 'RDS DB instance',
  'rds-cluster': 'Aurora DB cluster',
  elasticache: 'ElastiCache replication group',
  msk: 'MSK cluster',
  'ecs-service': 'ECS service',
};

/**
 * A copy of a resource's data in another Region.
 *
 * @public
 */
export interface CrossRegionCopy {
  region: string;
  /** How the data gets there. */
  via:
    | 'read-replica'
    | 'global-database'
    | 'automated-backup-replication'
    | 'backup-copy'
    | 'global-datastore'
    | 'replicator'
    | 'standby-service';
  /** What it is called there: the replica, the replicated backup, the vault. */
  name?: string;
  /** Replication lag of a continuous copy, when measured. */
  lagSeconds?: number;
  /** The newest moment a periodic copy can be restored to (a copy job's recovery point, a replicated backup's latest restorable time). */
  latestTime?: string;
  /** Whether something runs there that takes traffic once promoted (a replica, a secondary cluster). */
  warm: boolean;
}

/**
 * A completed restore (AWS Backup restore job): evidence of how long a
 * recovery takes.
 *
 * @public
 */
export interface RestoreTest {
  region: string;
  completedAt: string;
  minutes: number;
}

/**
 * What the DR source collected about one resource.
 *
 * @public
 */
export interface DrFacts {
  arn: string;
  kind: DrResourceKind;
  name: string;
  accountId: string;
  region: string;
  engine?: string;
  /** A standby or replicas in other Availability Zones that take over on their own. */
  multiAz: boolean;
  /** How many Availability Zones its nodes, standby or brokers run in. */
  zones: number;
  /** Point-in-time recovery: the newest moment it can be restored to (RDS, Aurora). */
  latestRestorableTime?: string;
  /** Automated backups or snapshots kept, in days; 0 when off. */
  backupRetentionDays?: number;
  /** The newest snapshot or AWS Backup recovery point in its own Region. */
  latestSnapshotTime?: string;
  /** Whether an AWS Backup plan protects it. */
  backupProtected: boolean;
  crossRegion: CrossRegionCopy[];
  restoreTests: RestoreTest[];
  /** ECS services: the tasks asked for and running (a standby scaled to zero asks for none). */
  desiredCount?: number;
  runningCount?: number;
}

/**
 * The recovery targets of an entity (`aws.portal/rpo`, `rto`, `dr-region`).
 *
 * @public
 */
export interface RecoveryTargets {
  rpoMinutes?: number;
  rtoMinutes?: number;
  drRegion?: string;
}

/**
 * Whether a resource or an entity can meet its targets, worst first.
 *
 * @public
 */
export type DrVerdict = 'breached' | 'at-risk' | 'meets' | 'no-target';

/** @public */
export const DR_VERDICTS: readonly DrVerdict[] = ['breached', 'at-risk', 'meets', 'no-target'];

/**
 * One objective under one disruption, as Resilience Hub assesses them: the
 * loss of an Availability Zone, or of the whole Region.
 *
 * @public
 */
export interface DrCheck {
  disruption: 'az' | 'region';
  objective: 'rpo' | 'rto';
  targetMinutes?: number;
  /** The data that would be lost (RPO), or the recovery time evidence shows (RTO); absent when nothing shows it. */
  achievedMinutes?: number;
  verdict: DrVerdict;
  sentence: string;
}

/**
 * A resource's assessment.
 *
 * @public
 */
export interface DrAssessment {
  verdict: DrVerdict;
  checks: DrCheck[];
  /** The sentences of the checks that decide the verdict (the worst ones). */
  reasons: string[];
}

/**
 * A resource on the fleet DR page.
 *
 * @public
 */
export interface DrRow {
  arn: string;
  kind: DrResourceKind;
  name: string;
  accountId: string;
  region: string;
  entityRef?: string;
  system?: string;
  owner?: string;
  targets: RecoveryTargets;
  verdict: DrVerdict;
  /** Achieved RPO for a Region loss, else for a zone loss. */
  achievedRpoMinutes?: number;
  reasons: string[];
  collectedAt: string;
}

/**
 * A resource on an entity's DR tab.
 *
 * @public
 */
export interface DrDetail extends DrFacts {
  targets: RecoveryTargets;
  assessment: DrAssessment;
  collectedAt: string;
}
