/**
 * The portal's permission policy, replacing allow-all.
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readCostCenterHolders } from '@internal/plugin-aws-cost-common';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';

export { AwsPortalPermissionPolicy, type AwsPortalPermissionPolicyOptions } from './AwsPortalPermissionPolicy';

/**
 * Sets the portal's policy. `awsPortal.cost.financeGroups` lists the groups
 * that may read every cost (default `group:default/finance`);
 * `awsPortal.cost.costCenters` who holds each cost center.
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'aws-portal-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig, userInfo: coreServices.userInfo },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new AwsPortalPermissionPolicy({
            financeGroups: config.getOptionalStringArray('awsPortal.cost.financeGroups') ?? ['group:default/finance'],
            costCenters: readCostCenterHolders(config),
            userInfo,
          }),
        );
      },
    });
  },
});
