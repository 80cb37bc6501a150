import type { Config } from '@backstage/config';
import { ownerEntityRef, sharesEntityRef } from '@internal/plugin-aws-common';

/**
 * Who holds each cost center: `awsPortal.cost.costCenters` lists each
 * CostCenter tag value with the groups (or users) that hold it. It is written
 * by whoever configures the portal, never by an entity's owner: an entity's
 * `aws.portal/cost-center` annotation only claims a cost center, and the
 * claim counts when the entity's owner holds it.
 *
 * @public
 */
export type CostCenterHolders = ReadonlyMap<string, readonly string[]>;

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

/**
 * Reads `awsPortal.cost.costCenters`; throws a sentence naming the entry
 * that is wrong. Refs without a kind are groups (`team-crm` →
 * `group:default/team-crm`).
 *
 * @public
 */
export function readCostCenterHolders(config: Config): CostCenterHolders {
  const holders = new Map<string, string[]>();
  const entries = config.getOptionalConfigArray('awsPortal.cost.costCenters') ?? [];
  entries.forEach((entry, i) => {
    const where = `awsPortal.cost.costCenters[${i}]`;
    const costCenter = entry.getString('costCenter');
    if (!TAG_VALUE.test(costCenter)) {
      throw new Error(
        `${where}.costCenter: "${costCenter}" is not a CostCenter tag value (letters, digits, spaces and _ . : / = + - @, at most 256).`,
      );
    }
    if (holders.has(costCenter)) {
      throw new Error(`${where}: cost center "${costCenter}" is listed twice; give it one entry with every holder.`);
    }
    const refs = entry.getStringArray('holders').map(ref => {
      const full = ownerEntityRef(ref, 'default');
      if (!full) throw new Error(`${where}.holders: "${ref}" is not an entity ref such as group:default/team-crm.`);
      return full;
    });
    holders.set(costCenter, refs);
  });
  return holders;
}

/**
 * The cost centers that one of `claims` (a user's ownership refs: the user
 * and its groups) holds.
 *
 * @public
 */
export function costCentersHeld(holders: CostCenterHolders, claims: readonly string[]): string[] {
  return [...holders.entries()]
    .filter(([, refs]) => sharesEntityRef(refs, claims))
    .map(([costCenter]) => costCenter)
    .sort();
}

/**
 * Whether `ownerRef` (an entity's owner, as a full ref) holds the cost
 * center its entity claims.
 *
 * @public
 */
export function holdsCostCenter(holders: CostCenterHolders, costCenter: string, ownerRef: string | undefined): boolean {
  if (!ownerRef) return false;
  const owner = ownerRef.toLocaleLowerCase('en-US');
  return (holders.get(costCenter) ?? []).some(ref => ref.toLocaleLowerCase('en-US') === owner);
}
