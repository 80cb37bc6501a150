import { type MskClusterInput, mskClusterSchema, PlatformMskCluster } from '../../MskCluster';
import { PRICE_TABLE } from '../../prices';
import { PROFILE_DEFAULTS } from '../../profiles';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** An Amazon MSK cluster over the environment's zones. @public */
export const kafkaPart: StackPart<MskClusterInput> = {
  id: 'Kafka',
  schema: mskClusterSchema,
  // The brokers spread over the zones of the environment it deploys into.
  withStack: (value, where) => ({ ...value, environment: where.environment, zones: where.environmentZones ?? value.zones }),
  build(scope, input, site) {
    const built = new PlatformMskCluster(scope, this.id, { ...input, vpc: platformOf(site).vpc });
    return { alarms: built.alarms, clientSecurityGroup: built.clientSecurityGroup };
  },
  estimate(k: ReturnType<typeof mskClusterSchema.parse>, where, add) {
    const type = k.instanceType ?? PROFILE_DEFAULTS[where.environment].kafkaInstanceType;
    add(`MSK ${k.brokers} × ${type}`, k.brokers * PRICE_TABLE.msk.brokerHour[type] * PRICE_TABLE.hoursPerMonth);
    add(`MSK storage ${k.brokers} × ${k.ebsVolumeGiB} GiB`, k.brokers * k.ebsVolumeGiB * PRICE_TABLE.msk.storageGbMonth);
  },
};

/** @public */
export const mskClusterKind = defineStackKind({ kind: 'msk-cluster', inEnvironment: true, parts: { kafka: kafkaPart } });
