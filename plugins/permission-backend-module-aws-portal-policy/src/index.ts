/**
 * The portal's permission policy, replacing allow-all.
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';

export { AwsPortalPermissionPolicy } from './AwsPortalPermissionPolicy';

/**
 * Sets the portal's policy. `awsPortal.cost.financeGroups` lists the groups
 * that may read every cost (default `group:default/finance`).
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'aws-portal-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new AwsPortalPermissionPolicy(
            config.getOptionalStringArray('awsPortal.cost.financeGroups') ?? ['group:default/finance'],
          ),
        );
      },
    });
  },
});
