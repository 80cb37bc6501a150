import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
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
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, locations, config }) {
        catalog.addProcessor(new AwsAnnotationsProcessor());
        // The local portal publishes generated repositories as local git
        // repositories and registers them by path; production keeps the
        // default (url only).
        if (config.getOptionalBoolean('awsPortal.allowFileLocations')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
