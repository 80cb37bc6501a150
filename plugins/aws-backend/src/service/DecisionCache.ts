import type { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** How long a decision is kept: the longest a changed policy, group or user-info answer takes to show. */
export const DECISION_TTL_MS = 30_000;
/** Callers remembered per scope; beyond it the oldest are forgotten. */
const MAX_CALLERS = 5_000;

interface CallerDecisions {
  at: number;
  overall?: AuthorizeResult;
  entities: Map<string, boolean>;
}

/** Who is asking, as a key: the user, or the calling service. */
function callerKey(credentials: BackstageCredentials): string {
  const p = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  return p.type === 'user' ? `user:${p.userEntityRef}` : `${p.type}:${p.subject ?? ''}`;
}

/**
 * Permission decisions per caller, kept for {@link DECISION_TTL_MS} and for
 * as long as the answers they were made about: a scope is the source's
 * built answers, replaced at every collection and every new view of the
 * catalog, so a decision never outlives the entities it was about. A
 * repeated request then costs no round trip to the permission backend (and
 * none from there to the catalog per entity).
 */
export class DecisionCache {
  private readonly scopes = new WeakMap<object, Map<string, CallerDecisions>>();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly now: () => number = Date.now,
  ) {}

  private decisions(scope: object, credentials: BackstageCredentials): CallerDecisions {
    let callers = this.scopes.get(scope);
    if (!callers) {
      callers = new Map();
      this.scopes.set(scope, callers);
    }
    const key = callerKey(credentials);
    const now = this.now();
    let mine = callers.get(key);
    if (!mine || now - mine.at > DECISION_TTL_MS) {
      mine = { at: now, entities: new Map() };
      callers.delete(key);
      callers.set(key, mine);
      if (callers.size > MAX_CALLERS) callers.delete(callers.keys().next().value!);
    }
    return mine;
  }

  /** ALLOW, DENY or CONDITIONAL for the permission as a whole. */
  async overall(
    scope: object,
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    const mine = this.decisions(scope, credentials);
    if (mine.overall === undefined) {
      const [decision] = await this.permissions.authorizeConditional([{ permission }], { credentials });
      mine.overall = decision.result;
    }
    return mine.overall;
  }

  /** The entities among `refs` the caller may read; asks only about those not decided yet, in one batch. */
  async readable(
    scope: object,
    permission: ResourcePermission<'catalog-entity'>,
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const mine = this.decisions(scope, credentials);
    const unknown = refs.filter(ref => !mine.entities.has(ref));
    if (unknown.length > 0) {
      const decisions = await this.permissions.authorize(
        unknown.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      );
      unknown.forEach((ref, i) => mine.entities.set(ref, decisions[i].result === AuthorizeResult.ALLOW));
    }
    return new Set(refs.filter(ref => mine.entities.get(ref)));
  }
}
