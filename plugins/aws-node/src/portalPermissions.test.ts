import { ConfigReader } from '@backstage/config';
import { readPortalPermissions, stampRefusal } from './portalPermissions';

describe('stampRefusal', () => {
  const portal = readPortalPermissions(
    new ConfigReader({
      awsPortal: {
        permissions: {
          productionStacks: ['platform-team'],
          goldenPaths: [
            { kind: 'platform-environment', allowed: ['group:default/platform-team'] },
            { kind: 'msk-replicator', allowed: [] },
          ],
        },
      },
    }),
  );
  const carla = { userEntityRef: 'user:default/carla', ownershipEntityRefs: ['user:default/carla', 'group:default/team-crm'] };
  const mai = { userEntityRef: 'user:default/mai', ownershipEntityRefs: ['user:default/mai', 'group:default/platform-team'] };

  it('names the environment, the list and the user when a production stack is refused', () => {
    expect(stampRefusal(portal, carla, { kind: 'redis-cache', profile: 'production', environmentName: 'crm-production' })).toBe(
      'crm-production is a production environment: only group:default/platform-team may stamp stacks into production environments (awsPortal.permissions.productionStacks), and user:default/carla is not among them.',
    );
    expect(stampRefusal(portal, mai, { kind: 'redis-cache', profile: 'production' })).toBeUndefined();
    expect(stampRefusal(portal, carla, { kind: 'redis-cache', profile: 'development' })).toBeUndefined();
  });

  it('names the golden path and who may run it, and says so of a path kept from everyone', () => {
    expect(stampRefusal(portal, carla, { kind: 'platform-environment', profile: 'development' })).toBe(
      'The platform-environment golden path is for group:default/platform-team (awsPortal.permissions.goldenPaths), and user:default/carla is not among them.',
    );
    expect(stampRefusal(portal, mai, { kind: 'platform-environment', profile: 'production' })).toBeUndefined();
    expect(stampRefusal(portal, mai, { kind: 'msk-replicator', profile: 'development' })).toBe(
      'The msk-replicator golden path is for nobody (awsPortal.permissions.goldenPaths), and user:default/mai is not among them.',
    );
  });

  it('refuses nothing when awsPortal.permissions is absent', () => {
    const open = readPortalPermissions(new ConfigReader({}));
    expect(stampRefusal(open, carla, { kind: 'platform-environment', profile: 'production' })).toBeUndefined();
  });
});
