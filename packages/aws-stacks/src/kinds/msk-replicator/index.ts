import { type MskReplicatorInput, mskReplicatorSchema, parseMskClusterArn, PlatformMskReplicator } from '../../MskReplicator';
import { pickedProblems } from '../picked';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** An MSK Replicator from a cluster in another Region to one in this. @public */
export const replicatorPart: StackPart<MskReplicatorInput> = {
  id: 'Replicator',
  schema: mskReplicatorSchema,
  withStack: (value, where) => ({ ...value, environment: where.environment }),
  build(scope, input, site) {
    return { alarms: new PlatformMskReplicator(scope, this.id, { ...input, vpc: platformOf(site).vpc }).alarms };
  },
  estimate() {},
  // The price table has no MSK Replicator price: the estimate says so rather than count it as $0.
  unpriced: 'The MSK Replicator itself (billed by the hour and by the gigabyte it copies) is not in the price table and not included.',
  problems: (value, where) => [
    ...pickedProblems('sourceClusterArn', 'sourceCluster', value.sourceClusterArn, parseMskClusterArn, where),
    ...pickedProblems('targetClusterArn', 'targetCluster', value.targetClusterArn, parseMskClusterArn, where),
  ],
};

/** @public */
export const mskReplicatorKind = defineStackKind({ kind: 'msk-replicator', inEnvironment: true, parts: { replicator: replicatorPart } });
