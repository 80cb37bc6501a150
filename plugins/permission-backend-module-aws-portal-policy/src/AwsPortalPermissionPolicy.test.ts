import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { actionExecutePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { awsCostReadPermission } from '@internal/plugin-aws-cost-common';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';
import { readPortalPermissions } from '@internal/plugin-aws-node';

const GROUPS: Record<string, string[]> = {
  'user:default/frank': ['group:default/finance'],
  'user:default/carla': ['group:default/team-crm'],
  'user:default/dave': ['group:default/team-new'],
  'user:default/mai': ['group:default/platform-team'],
  'user:default/arjun': ['group:default/team-analytics'],
};

const policy = new AwsPortalPermissionPolicy({
  financeGroups: ['group:default/finance'],
  costCenters: new Map([
    ['finance-consulting', ['group:default/team-crm']],
    ['crm-modular', ['group:default/team-crm', 'group:default/team-crm-modular']],
    ['data-platform', ['group:default/team-analytics']],
  ]),
  portal: readPortalPermissions(
    new ConfigReader({
      awsPortal: {
        permissions: {
          catalogLocations: ['platform-team'],
          productionStacks: ['group:default/platform-team'],
          goldenPaths: [
            { kind: 'platform-environment', allowed: ['platform-team'] },
            { kind: 'msk-replicator', allowed: ['platform-team', 'team-analytics'] },
          ],
        },
      },
    }),
  ),
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

  it('lets the platform team and services register catalog locations, and no one else', async () => {
    const decide = async (ref?: string) =>
      (await policy.handle({ permission: catalogLocationCreatePermission }, ref ? user(ref) : undefined)).result;
    expect(await decide('user:default/mai')).toBe(AuthorizeResult.ALLOW);
    expect(await decide()).toBe(AuthorizeResult.ALLOW);
    for (const ref of ['user:default/frank', 'user:default/carla', 'user:default/dave']) {
      expect(await decide(ref)).toBe(AuthorizeResult.DENY);
    }
  });

  const renders = (...kinds: string[]) => ({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'scaffolder',
    resourceType: 'scaffolder-action',
    conditions: {
      not: {
        allOf: [
          { rule: 'HAS_ACTION_ID', resourceType: 'scaffolder-action', params: { actionId: 'aws:stack:render' } },
          {
            anyOf: [
              ...kinds.map(value => ({
                rule: 'HAS_STRING_PROPERTY',
                resourceType: 'scaffolder-action',
                params: { key: 'stackConfig.kind', value },
              })),
              {
                rule: 'HAS_STRING_PROPERTY',
                resourceType: 'scaffolder-action',
                params: { key: 'stackConfig.environment', value: 'production' },
              },
            ],
          },
        ],
      },
    },
  });

  it('refuses the render action for golden paths limited to other groups and for production, to everyone outside the platform team', async () => {
    const decide = (ref: string) => policy.handle({ permission: actionExecutePermission }, user(ref));
    expect(await decide('user:default/mai')).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await decide('user:default/carla')).toEqual(renders('platform-environment', 'msk-replicator'));
    expect(await decide('user:default/frank')).toEqual(renders('platform-environment', 'msk-replicator'));
    expect(await decide('user:default/dave')).toEqual(renders('platform-environment', 'msk-replicator'));
    expect(await decide('user:default/arjun')).toEqual(renders('platform-environment'));
    expect(await policy.handle({ permission: actionExecutePermission })).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('restricts nothing a configuration leaves out', async () => {
    const open = new AwsPortalPermissionPolicy({
      financeGroups: [],
      costCenters: new Map(),
      portal: readPortalPermissions(new ConfigReader({})),
      userInfo: { getUserInfo: async () => ({ userEntityRef: 'user:default/dave', ownershipEntityRefs: [] }) },
    });
    for (const permission of [catalogLocationCreatePermission, actionExecutePermission]) {
      expect(await open.handle({ permission }, user('user:default/dave'))).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('says which entry of awsPortal.permissions is wrong', () => {
    const read = (permissions: object) => () => readPortalPermissions(new ConfigReader({ awsPortal: { permissions } }));
    expect(read({ catalogLocations: ['group:'] })).toThrow(
      'awsPortal.permissions.catalogLocations: "group:" is not an entity ref such as group:default/platform-team.',
    );
    expect(read({ goldenPaths: [{ kind: 'Platform Environment', allowed: [] }] })).toThrow(
      'awsPortal.permissions.goldenPaths[0].kind: "Platform Environment" is not a stack kind such as platform-environment.',
    );
    expect(read({ goldenPaths: [{ kind: 'redis-cache', allowed: [] }, { kind: 'redis-cache', allowed: ['x'] }] })).toThrow(
      'awsPortal.permissions.goldenPaths[1]: golden path "redis-cache" is listed twice; give it one entry.',
    );
  });
});
