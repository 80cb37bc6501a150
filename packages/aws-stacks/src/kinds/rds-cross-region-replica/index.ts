import { PRICE_TABLE } from '../../prices';
import {
  parseRdsInstanceArn,
  PlatformRdsCrossRegionReplica,
  type RdsCrossRegionReplicaInput,
  rdsCrossRegionReplicaSchema,
} from '../../RdsCrossRegionReplica';
import { pickedProblems } from '../picked';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** A cross-Region read replica of a database in another Region. @public */
export const replicaPart: StackPart<RdsCrossRegionReplicaInput> = {
  id: 'Replica',
  schema: rdsCrossRegionReplicaSchema,
  withStack: (value, where) => ({ ...value, environment: where.environment }),
  build(scope, input, site) {
    const built = new PlatformRdsCrossRegionReplica(scope, this.id, { ...input, vpc: platformOf(site).vpc });
    return { alarms: built.alarms, clientSecurityGroup: built.clientSecurityGroup };
  },
  estimate(r: ReturnType<typeof rdsCrossRegionReplicaSchema.parse>, _where, add) {
    add(`RDS cross-Region read replica ${r.instanceClass}`, PRICE_TABLE.rds.instanceHour[r.instanceClass] * PRICE_TABLE.hoursPerMonth);
    add(`RDS gp3 storage ${r.storageGiB} GiB (the source's)`, r.storageGiB * PRICE_TABLE.rds.gp3GbMonth);
    add('KMS key of the replica’s Region', PRICE_TABLE.kmsKeyMonth);
  },
  problems: (value, where) => pickedProblems('sourceDatabaseArn', 'sourceDatabase', value.sourceDatabaseArn, parseRdsInstanceArn, where),
};

/** @public */
export const rdsCrossRegionReplicaKind = defineStackKind({ kind: 'rds-cross-region-replica', inEnvironment: true, parts: { replica: replicaPart } });
