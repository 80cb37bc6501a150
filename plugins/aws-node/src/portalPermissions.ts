import type { Config } from '@backstage/config';
import { ownerEntityRef, sharesEntityRef } from '@internal/plugin-aws-common';

/**
 * Who may change what the portal knows and creates
 * (`awsPortal.permissions`). A rule that is absent restricts nothing; each
 * list names groups or users (refs without a kind are groups).
 *
 * @public
 */
export interface PortalPermissions {
  /** Who may register catalog locations; `undefined`: every signed-in user. */
  catalogLocations?: readonly string[];
  /** Who may stamp stacks into an environment of the production profile; `undefined`: every user. */
  productionStacks?: readonly string[];
  /** Golden paths (by the stack kind their template stamps) limited to some groups; a kind not listed runs for every user. */
  goldenPaths: ReadonlyMap<string, readonly string[]>;
}

const KIND = /^[a-z][a-z0-9-]{1,62}$/;

function refs(values: string[], where: string): string[] {
  return values.map(ref => {
    const full = ownerEntityRef(ref, 'default');
    if (!full) throw new Error(`${where}: "${ref}" is not an entity ref such as group:default/platform-team.`);
    return full;
  });
}

/**
 * Reads `awsPortal.permissions`; throws a sentence naming the entry that is
 * wrong.
 *
 * @public
 */
export function readPortalPermissions(config: Config): PortalPermissions {
  const at = 'awsPortal.permissions';
  const list = (key: string) => {
    const values = config.getOptionalStringArray(`${at}.${key}`);
    return values && refs(values, `${at}.${key}`);
  };
  const goldenPaths = new Map<string, string[]>();
  (config.getOptionalConfigArray(`${at}.goldenPaths`) ?? []).forEach((entry, i) => {
    const where = `${at}.goldenPaths[${i}]`;
    const kind = entry.getString('kind');
    if (!KIND.test(kind)) throw new Error(`${where}.kind: "${kind}" is not a stack kind such as platform-environment.`);
    if (goldenPaths.has(kind)) throw new Error(`${where}: golden path "${kind}" is listed twice; give it one entry.`);
    goldenPaths.set(kind, refs(entry.getStringArray('allowed'), `${where}.allowed`));
  });
  return { catalogLocations: list('catalogLocations'), productionStacks: list('productionStacks'), goldenPaths };
}

/**
 * Whether one of `claims` (a user and its groups) is in `allowed`; an absent rule allows everyone.
 *
 * @public
 */
export function isAllowed(allowed: readonly string[] | undefined, claims: readonly string[]): boolean {
  return !allowed || sharesEntityRef(allowed, claims);
}

/**
 * What `claims` (a user and its groups) may not stamp: the golden paths
 * (stack kinds) kept from them, and whether production is. The permission
 * policy turns this into conditions on the render step; `stampRefusal`
 * into the sentence a golden path shows first.
 *
 * @public
 */
export function refusedStamps(portal: PortalPermissions, claims: readonly string[]): { kinds: string[]; production: boolean } {
  return {
    kinds: [...portal.goldenPaths].filter(([, allowed]) => !isAllowed(allowed, claims)).map(([kind]) => kind),
    production: !isAllowed(portal.productionStacks, claims),
  };
}

/**
 * Why `user` may not stamp a stack of `kind` into an environment of
 * `profile`, as a sentence; `undefined` when they may.
 *
 * @public
 */
export function stampRefusal(
  portal: PortalPermissions,
  user: { userEntityRef: string; ownershipEntityRefs: readonly string[] },
  stack: { kind: string; profile: string; environmentName?: string },
): string | undefined {
  const refused = refusedStamps(portal, [user.userEntityRef, ...user.ownershipEntityRefs]);
  if (refused.kinds.includes(stack.kind)) {
    const allowed = portal.goldenPaths.get(stack.kind)!;
    return `The ${stack.kind} golden path is for ${allowed.join(', ') || 'nobody'} (awsPortal.permissions.goldenPaths), and ${user.userEntityRef} is not among them.`;
  }
  if (stack.profile === 'production' && refused.production) {
    const where = stack.environmentName ? `${stack.environmentName} is a production environment: ` : '';
    return `${where}only ${portal.productionStacks!.join(', ') || 'nobody'} may stamp stacks into production environments (awsPortal.permissions.productionStacks), and ${user.userEntityRef} is not among them.`;
  }
  return undefined;
}
