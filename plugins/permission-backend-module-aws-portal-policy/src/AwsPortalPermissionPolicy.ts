import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogLocationCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  createScaffolderActionConditionalDecision,
  scaffolderActionConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { actionExecutePermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  AuthorizeResult,
  type PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { AWS_ANNOTATIONS } from '@internal/plugin-aws-common';
import {
  type CostCenterHolders,
  awsCostReadPermission,
  costCentersHeld,
} from '@internal/plugin-aws-cost-common';
import { type PortalPermissions, isAllowed, refusedStamps } from '@internal/plugin-aws-node';

/** The action that writes a golden path's stack: its input names the kind and the environment's profile. */
const RENDER_ACTION = 'aws:stack:render';

/**
 * What the portal's policy decides with.
 *
 * @public
 */
export interface AwsPortalPermissionPolicyOptions {
  /** Groups (or users) that read every cost. */
  financeGroups: string[];
  /** Who holds each cost center (`awsPortal.cost.costCenters`). */
  costCenters: CostCenterHolders;
  /** Who may register locations, run which golden path, stamp production stacks (`awsPortal.permissions`). */
  portal: PortalPermissions;
  /** Where a caller's ownership comes from (a user token may omit it). */
  userInfo: UserInfoService;
}

/**
 * The portal's permission policy.
 *
 * - `aws.cost.read`: allowed to members of the finance groups; otherwise
 *   allowed on the entities that claim (`aws.portal/cost-center`) a cost
 *   center one of the user's refs holds in configuration, whoever owns the
 *   entity; denied to a user who holds none and to callers that are not
 *   users. Owning an entity grants nothing: its annotation is written by its
 *   owner, the holders by whoever configures the portal.
 * - `catalog.location.create`: allowed to the users `catalogLocations`
 *   names (every user when absent) and to services (the portal's own
 *   publishing registers with its service credentials).
 * - `scaffolder.action.execute`: `aws:stack:render` is refused for a golden
 *   path (its `stackConfig.kind`) that `goldenPaths` limits to groups the
 *   user is not in, and into an environment of the production profile
 *   (`stackConfig.environment`) unless `productionStacks` names the user;
 *   every other action and caller is allowed.
 * - Every other permission: allowed.
 *
 * @public
 */
export class AwsPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: AwsPortalPermissionPolicyOptions) {}

  /** Decides one permission for one caller (no user: a service or nobody). */
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = async () => user && (await this.options.userInfo.getUserInfo(user.credentials)).ownershipEntityRefs;
    if (isPermission(permission, catalogLocationCreatePermission)) {
      const mine = await claims();
      const allowed = !mine || isAllowed(this.options.portal.catalogLocations, mine);
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (isPermission(permission, actionExecutePermission)) return this.actionDecision(permission, await claims());
    if (isPermission(permission, awsCostReadPermission)) return this.costDecision(permission, await claims());
    return { result: AuthorizeResult.ALLOW };
  }

  /** The golden paths and production environments the user may not stamp, as conditions on the render action. */
  private actionDecision(permission: typeof actionExecutePermission, claims?: string[]): PolicyDecision {
    if (!claims) return { result: AuthorizeResult.ALLOW };
    const { kinds, production } = refusedStamps(this.options.portal, claims);
    const input = (key: string, value: string) => scaffolderActionConditions.hasStringProperty({ key, value });
    const refused = kinds.map(kind => input('stackConfig.kind', kind));
    if (production) refused.push(input('stackConfig.environment', 'production'));
    const [first, ...rest] = refused;
    if (!first) return { result: AuthorizeResult.ALLOW };
    return createScaffolderActionConditionalDecision(permission, {
      not: { allOf: [scaffolderActionConditions.hasActionId({ actionId: RENDER_ACTION }), { anyOf: [first, ...rest] }] },
    });
  }

  /** Finance reads every cost; a holder the entities that claim its cost centers; anyone else nothing. */
  private costDecision(permission: typeof awsCostReadPermission, claims?: string[]): PolicyDecision {
    if (!claims) return { result: AuthorizeResult.DENY };
    if (claims.some(ref => this.options.financeGroups.includes(ref))) return { result: AuthorizeResult.ALLOW };
    const [first, ...rest] = costCentersHeld(this.options.costCenters, claims).map(value =>
      catalogConditions.hasAnnotation({ annotation: AWS_ANNOTATIONS.costCenter, value }),
    );
    if (!first) return { result: AuthorizeResult.DENY };
    return createCatalogConditionalDecision(permission, { anyOf: [first, ...rest] });
  }
}
