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
import { awsCostReadPermission } from '@internal/plugin-aws-cost-common';

/**
 * The portal's permission policy.
 *
 * - `aws.cost.read`: allowed to members of the finance groups (by the
 *   user's ownership claims: the user and its groups), otherwise allowed on
 *   the entities the user or one of its groups owns (catalog ownership), and
 *   denied to callers that are not users.
 * - Every other permission: allowed, as the portal did before it had a
 *   policy (catalog, scaffolder and the other plugins' permissions are not
 *   restricted yet).
 *
 * @public
 */
export class AwsPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly financeGroups: string[]) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, awsCostReadPermission)) {
      if (!user) return { result: AuthorizeResult.DENY };
      const claims = user.info.ownershipEntityRefs ?? [];
      if (claims.some(ref => this.financeGroups.includes(ref))) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
