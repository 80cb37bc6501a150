import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { awsCostReadPermission } from '@internal/plugin-aws-cost-common';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';

const GROUPS: Record<string, string[]> = {
  'user:default/frank': ['group:default/finance'],
  'user:default/carla': ['group:default/team-crm'],
  'user:default/dave': ['group:default/team-new'],
  'user:default/mai': ['group:default/platform-team'],
};

const policy = new AwsPortalPermissionPolicy({
  financeGroups: ['group:default/finance'],
  costCenters: new Map([
    ['finance-consulting', ['group:default/team-crm']],
    ['crm-modular', ['group:default/team-crm', 'group:default/team-crm-modular']],
    ['data-platform', ['group:default/team-analytics']],
  ]),
  // Ownership as the user-info service gives it (the token itself carries none).
  userInfo: {
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])] };
    },
  },
});

const user = (ref: string) => ({ credentials: mockCredentials.user(ref), info: { userEntityRef: ref, ownershipEntityRefs: [] } });

describe('AwsPortalPermissionPolicy', () => {
  it('lets a finance member read every cost', async () => {
    expect(await policy.handle({ permission: awsCostReadPermission }, user('user:default/frank'))).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets a team member read the entities that claim a cost center its group holds, whoever owns them', async () => {
    const decision = await policy.handle({ permission: awsCostReadPermission }, user('user:default/carla'));
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: ['crm-modular', 'finance-consulting'].map(value => ({
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: { annotation: 'aws.portal/cost-center', value },
        })),
      },
    });
  });

  it('refuses cost to a user who holds no cost center, whatever they own, the platform team included', async () => {
    for (const ref of ['user:default/dave', 'user:default/mai']) {
      expect(await policy.handle({ permission: awsCostReadPermission }, user(ref))).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('refuses cost to callers that are not users, and leaves other permissions allowed', async () => {
    expect(await policy.handle({ permission: awsCostReadPermission })).toEqual({ result: AuthorizeResult.DENY });
    expect(await policy.handle({ permission: catalogEntityDeletePermission }, user('user:default/carla'))).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
