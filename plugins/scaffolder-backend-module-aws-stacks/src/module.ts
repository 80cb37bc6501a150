import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import { createDeployStackAction } from './actions/deployStack';
import { createEstimateCostAction } from './actions/estimateCost';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRenderStackAction } from './actions/renderStack';
import { createValidateStackAction } from './actions/validateStack';

/**
 * The AWS golden paths' scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleAwsStacks = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-stacks',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, catalog, auth }) {
        scaffolder.addActions(
          createRenderStackAction(),
          createValidateStackAction(),
          createEstimateCostAction(),
          createPublishLocalAction({
            baseDirectory: resolve(
              config.getOptionalString('awsStacks.localRepositories') ?? '../../.data/repositories',
            ),
            catalog,
            auth,
          }),
        );
        // Deploying is opt-in: a portal without it only validates and publishes.
        if (config.getOptionalBoolean('awsStacks.provision.enabled')) {
          scaffolder.addActions(
            createDeployStackAction({
              clients: AwsClientFactory.fromConfig(config),
              templateBucket: config.getOptionalString('awsStacks.provision.templateBucket'),
            }),
          );
        }
      },
    });
  },
});
