/**
 * The portal's permission policy, replacing allow-all.
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readCostCenterHolders } from '@internal/plugin-aws-cost-common';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';
import { readPortalPermissions } from '@internal/plugin-aws-node';

export { AwsPortalPermissionPolicy, type AwsPortalPermissionPolicyOptions } from './AwsPortalPermissionPolicy';

/**
 * Sets the portal's policy. `awsPortal.cost.financeGroups` lists the groups
 * that may read every cost (default `group:default/finance`),
 * `awsPortal.cost.costCenters` who holds each cost center, and
 * `awsPortal.permissions` who may register catalog locations, run each
 * golden path and stamp production stacks. A rule left out restricts
 * nothing, and the module says so in the log at startup.
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'aws-portal-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const portal = readPortalPermissions(config);
        const open = [
          !portal.catalogLocations && 'every user may register catalog locations (awsPortal.permissions.catalogLocations)',
          !portal.productionStacks && 'every user may stamp production stacks (awsPortal.permissions.productionStacks)',
        ].filter(Boolean);
        if (open.length) logger.warn(`Unrestricted: ${open.join('; ')}.`);
        policy.setPolicy(
          new AwsPortalPermissionPolicy({
            financeGroups: config.getOptionalStringArray('awsPortal.cost.financeGroups') ?? ['group:default/finance'],
            costCenters: readCostCenterHolders(config),
            portal,
            userInfo,
          }),
        );
      },
    });
  },
});
