import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import { STACK_KINDS } from '@internal/aws-stacks';
import { AwsClientFactory, readPortalPermissions } from '@internal/plugin-aws-node';
import { createAuthorizeStackAction } from './actions/authorizeStack';
import { createDeployStackAction } from './actions/deployStack';
import { createEstimateCostAction } from './actions/estimateCost';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegisterRepositoryAction } from './actions/registerRepository';
import { createRenderStackAction } from './actions/renderStack';
import { createValidateStackAction } from './actions/validateStack';
import { createFieldChecksRouter } from './service/fieldChecks';

/**
 * The permission policy limits golden paths by the stack kind their render
 * step writes (`awsPortal.permissions.goldenPaths`); a kind this library does
 * not build would limit nothing, so the backend refuses to start on one.
 */
function checkGoldenPathKinds(config: Config) {
  const kinds: string[] = STACK_KINDS.map(k => k.kind);
  (config.getOptionalConfigArray('awsPortal.permissions.goldenPaths') ?? []).forEach((entry, i) => {
    const kind = entry.getString('kind');
    if (!kinds.includes(kind)) {
      throw new Error(
        `awsPortal.permissions.goldenPaths[${i}].kind: "${kind}" is not a kind of stack the golden paths stamp (${kinds.join(', ')}).`,
      );
    }
  });
}

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
        userInfo: coreServices.userInfo,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ scaffolder, config, catalog, auth, userInfo, httpRouter, httpAuth }) {
        checkGoldenPathKinds(config);
        // The forms' field checks, beside the scaffolder's own routes (/api/scaffolder/aws-stacks/…).
        httpRouter.use(createFieldChecksRouter({ httpAuth, catalog }));
        scaffolder.addActions(
          createAuthorizeStackAction({ portal: readPortalPermissions(config), auth, userInfo }),
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
          createRegisterRepositoryAction({ catalog, auth }),
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
