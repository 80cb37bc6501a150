import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint, catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { type PlaceholderKind, placeholderResolver } from './placeholders';

/**
 * Catalog entities from local files. With `awsPortal.allowFileLocations`
 * (the local portal, which publishes generated repositories as local git
 * repositories and registers them by path) the catalog accepts `file`
 * locations; production keeps the default (`url` only). Either way, `$text`,
 * `$json` and `$yaml` placeholders also resolve next to an entity read from
 * disk, which is how the golden-path templates share their common pages.
 *
 * @public
 */
export const catalogModuleLocalFiles = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-files',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ processing, locations, config }) {
        for (const kind of ['text', 'json', 'yaml'] satisfies PlaceholderKind[]) {
          processing.addPlaceholderResolver(kind, placeholderResolver(kind));
        }
        if (config.getOptionalBoolean('awsPortal.allowFileLocations')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
