import { fieldRuleProblems, profileFacts } from '../../fieldRules';
import { PRICE_TABLE } from '../../prices';
import { AWS_REGION, PROFILE_DEFAULTS } from '../../profiles';
import { PlatformRdsDatabase, type RdsDatabaseInput, rdsDatabaseSchema } from '../../RdsDatabase';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** An RDS PostgreSQL or MySQL database, with its backups and alarms. @public */
export const databasePart: StackPart<RdsDatabaseInput> = {
  id: 'Database',
  schema: rdsDatabaseSchema,
  withStack: (value, where) => ({ ...value, environment: where.environment }),
  build(scope, input, site) {
    const built = new PlatformRdsDatabase(scope, this.id, { ...input, vpc: platformOf(site).vpc });
    return { alarms: built.alarms, clientSecurityGroup: built.clientSecurityGroup };
  },
  estimate(d: ReturnType<typeof rdsDatabaseSchema.parse>, where, add) {
    const profile = PROFILE_DEFAULTS[where.environment];
    const H = PRICE_TABLE.hoursPerMonth;
    const cls = d.instanceClass ?? profile.dbInstanceClass;
    const multiAz = d.multiAz ?? profile.multiAz;
    const copies = multiAz ? 2 : 1;
    add(`RDS ${d.engine} ${cls}${multiAz ? ' Multi-AZ' : ''}`, copies * PRICE_TABLE.rds.instanceHour[cls] * H);
    add(`RDS gp3 storage ${d.allocatedStorageGiB} GiB${multiAz ? ' × 2' : ''}`, copies * d.allocatedStorageGiB * PRICE_TABLE.rds.gp3GbMonth);
    if (d.readReplica) {
      add(`RDS read replica ${d.readReplica.instanceClass}`, PRICE_TABLE.rds.instanceHour[d.readReplica.instanceClass] * H + d.allocatedStorageGiB * PRICE_TABLE.rds.gp3GbMonth);
    }
  },
  problems(value, where) {
    const dr = value.backupReplicationRegion;
    if (typeof dr !== 'string') return [];
    // The templates write "missing" when no DR Region was chosen: the form's empty answer.
    const answers = { replicateBackups: true, drRegion: AWS_REGION.test(dr) ? dr : '' };
    const found = fieldRuleProblems(['database.backup-copy-elsewhere'], answers, profileFacts(where.environment, where.environmentZones, where.region));
    return Object.values(found).map(message => ['backupReplicationRegion', message]);
  },
};

/** @public */
export const rdsDatabaseKind = defineStackKind({ kind: 'rds-database', inEnvironment: true, parts: { database: databasePart } });
