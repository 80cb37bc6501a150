import { createBackendModule } from '@backstage/backend-plugin-api';
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
      },
      async init({ catalog }) {
        catalog.addProcessor(new AwsAnnotationsProcessor());
      },
    });
  },
});
