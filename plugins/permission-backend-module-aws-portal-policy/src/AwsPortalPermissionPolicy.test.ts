import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import { awsCostReadPermission } from '@internal/plugin-aws-cost-common';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';

const policy = new AwsPortalPermissionPolicy(['group:default/finance']);

const user = (ref: string, groups: string[]) => ({
  identity: { type: 'user' as const, userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  credentials: {} as any,
  token: 'token',
});

describe('AwsPortalPermissionPolicy', () => {
  it('lets a finance member read every cost', async () => {
    const decision = await policy.handle(
      { permission: awsCostReadPermission },
      user('user:default/frank', ['group:default/finance']),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets a team member read the cost of what the user or its groups own, and nothing else', async () => {
    const decision = await policy.handle(
      { permission: awsCostReadPermission },
      user('user:default/carla', ['group:default/team-crm']),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/carla', 'group:default/team-crm'] },
      },
    });
  });

  it('refuses cost to callers that are not users, and leaves other permissions allowed', async () => {
    expect(await policy.handle({ permission: awsCostReadPermission })).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle({ permission: catalogEntityDeletePermission }, user('user:default/carla', [])),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
