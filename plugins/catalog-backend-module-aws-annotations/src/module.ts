import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { readCostCenterHolders } from '@internal/plugin-aws-cost-common';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AwsAnnotationsProcessor } from './AwsAnnotationsProcessor';

/**
 * Registers the AWS annotation checks with the catalog.
 *
 * @public
 */
export const catalogModuleAwsAnnotations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-annotations',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        catalog.addProcessor(new AwsAnnotationsProcessor({ costCenters: readCostCenterHolders(config), logger }));
      },
    });
  },
});
