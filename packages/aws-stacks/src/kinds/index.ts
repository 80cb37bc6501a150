import { fargateServiceKind } from './fargate-service';
import { mskClusterKind } from './msk-cluster';
import { mskReplicatorKind } from './msk-replicator';
import { platformEnvironmentKind } from './platform-environment';
import { rdsCrossRegionReplicaKind } from './rds-cross-region-replica';
import { rdsDatabaseKind } from './rds-database';
import { redisCacheKind } from './redis-cache';
import { serviceWithDatabaseKind } from './service-with-database';
import type { StackKind } from './stackKind';

/**
 * Every kind of stack the platform stamps out. The builder, the estimate,
 * the checks and the scaffolder actions know the kinds only through this
 * list: a new kind is a folder here and a line below.
 *
 * @public
 */
export const STACK_KINDS = [
  platformEnvironmentKind,
  fargateServiceKind,
  rdsDatabaseKind,
  rdsCrossRegionReplicaKind,
  redisCacheKind,
  mskClusterKind,
  mskReplicatorKind,
  serviceWithDatabaseKind,
] as const;

/**
 * The descriptor of the kind a configuration is of.
 *
 * @public
 */
export function stackKindOf(config: { kind: string }): StackKind {
  const kind = STACK_KINDS.find(k => k.kind === config.kind);
  if (!kind) throw new Error(`There is no stack kind ${config.kind}; the kinds are ${STACK_KINDS.map(k => k.kind).join(', ')}.`);
  return kind as unknown as StackKind;
}

export * from './stackKind';
export { servicePart } from './fargate-service';
export { databasePart } from './rds-database';
export { cachePart } from './redis-cache';
export { kafkaPart } from './msk-cluster';
export { replicaPart } from './rds-cross-region-replica';
export { replicatorPart } from './msk-replicator';
export { platformEnvironmentPart } from './platform-environment';
