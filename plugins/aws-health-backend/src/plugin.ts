import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AwsClientFactory,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import { durationToMilliseconds } from '@backstage/types';
import { AwsEcsSource } from './sources/AwsEcsSource';
import { DemoEcsSource, demoTargets } from './sources/DemoEcsSource';
import { DefaultFleetHealthService } from './service/FleetHealthService';
import { RateLimiter } from './service/RateLimiter';
import { createRouter } from './service/router';
import { HealthStore } from './store/HealthStore';

/**
 * ECS service health: collects on a schedule into its own tables and serves
 * the fleet and per-entity health from them.
 *
 * @public
 */
export const awsHealthPlugin = createBackendPlugin({
  pluginId: 'aws-health',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler, httpRouter } = deps;
        const client = await database.getClient();
        if (!database.migrations?.skip) {
          await client.migrate.latest({
            directory: resolvePackagePath(
              '@internal/plugin-aws-health-backend',
              'migrations',
            ),
          });
        }

        const settings = readAwsPortalSettings(config);
        const schedule = config.has('awsHealth.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('awsHealth.schedule'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 4 },
              initialDelay: { seconds: 3 },
            };
        const frequencyMs =
          typeof schedule.frequency === 'object' && !('cron' in schedule.frequency) && !('trigger' in schedule.frequency)
            ? durationToMilliseconds(schedule.frequency)
            : 5 * 60_000;

        const service = DefaultFleetHealthService.create({
          store: new HealthStore(client),
          source: settings.demo
            ? new DemoEcsSource()
            : new AwsEcsSource(AwsClientFactory.fromConfig(config)),
          targets: settings.demo ? demoTargets() : settings.targets,
          demo: settings.demo,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          staleAfterMs: 3 * frequencyMs,
        });
        logger.info(
          settings.demo
            ? 'No AWS account configured: serving the built-in demo account'
            : `Watching ${settings.targets.length} AWS account × region pairs`,
        );

        await scheduler.scheduleTask({
          id: 'aws-health-collect',
          scope: 'global',
          ...schedule,
          fn: () => service.collectAll(),
        });

        httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            refreshLimiter: new RateLimiter(
              (config.getOptionalNumber(
                'awsHealth.refresh.perServiceIntervalSeconds',
              ) ?? 30) * 1000,
              config.getOptionalNumber('awsHealth.refresh.perMinute') ?? 30,
            ),
          }),
        );
      },
    });
  },
});
