import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
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
 * - Every other permission: allowed (catalog, scaffolder and the other
 *   plugins' permissions are not restricted yet).
 *
 * @public
 */
export class AwsPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: AwsPortalPermissionPolicyOptions) {}

  /** Decides one permission for one caller (no user: a service or nobody). */
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, awsCostReadPermission)) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs: claims } = await this.options.userInfo.getUserInfo(user.credentials);
      if (claims.some(ref => this.options.financeGroups.includes(ref))) {
        return { result: AuthorizeResult.ALLOW };
      }
      const [first, ...rest] = costCentersHeld(this.options.costCenters, claims).map(value =>
        catalogConditions.hasAnnotation({ annotation: AWS_ANNOTATIONS.costCenter, value }),
      );
      if (!first) return { result: AuthorizeResult.DENY };
      return createCatalogConditionalDecision(request.permission, { anyOf: [first, ...rest] });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
