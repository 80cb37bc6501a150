import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { AccountRegion } from '@internal/plugin-aws-common';
import {
  type AwsCollector,
  awsClientFactoryServiceRef,
  awsCollectorsExtensionPoint,
  demoAccountRegions,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import { EntityDirectory } from './service/EntityDirectory';
import { KnownResources } from './service/KnownResources';
import { RefreshLimiter, readRefreshLimits } from './service/RefreshLimiter';
import { createRouter, SOURCE_ID } from './service/router';
import pLimit from 'p-limit';
import { collectionSchedule, staleAfterMs } from './service/schedule';
import { SourceRuntime } from './service/SourceRuntime';
import { CollectionStore } from './store/CollectionStore';
import { migrateCollectionTables, withStartupLock } from './store/migrate';


/** The scheduler's id of one part's collection: `aws-collect-<source>:<account>:<region>`. */
export function partTaskId(sourceId: string, part: AccountRegion): string {
  return `aws-collect-${sourceId}:${part.accountId}:${part.region}`;
}

/**
 * The AWS collection pipeline. Sources register through
 * `awsCollectorsExtensionPoint` (modules of this plugin); each is collected on
 * its own schedule, each account × region a global task of its own (one
 * replica per part and tick; replicas share the parts), into this plugin's
 * tables and served at `/api/aws/<source>/…` without calling AWS.
 *
 * @public
 */
export const awsPlugin = createBackendPlugin({
  pluginId: 'aws',
  register(env) {
    const collectors = new Map<string, AwsCollector<unknown, unknown, unknown>>();
    env.registerExtensionPoint(awsCollectorsExtensionPoint, {
      addCollector(collector) {
        if (!SOURCE_ID.test(collector.id)) {
          throw new Error(
            `An AWS collector's id must be lower-case words joined by dashes, not "${collector.id}".`,
          );
        }
        if (collectors.has(collector.id)) {
          throw new Error(`Two AWS collectors share the id "${collector.id}".`);
        }
        collectors.set(collector.id, collector);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        clients: awsClientFactoryServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler } = deps;
        const db = await database.getClient();
        const settings = readAwsPortalSettings(config);
        const accountRegions = settings.demo ? demoAccountRegions() : settings.accountRegions;
        logger.info(
          settings.demo
            ? 'No AWS account configured: serving the built-in demo account'
            : `Watching ${accountRegions.length} AWS account × region pairs`,
        );

        const store = new CollectionStore(db);
        const directory = new EntityDirectory({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        const knownResources = new KnownResources(store, logger);
        const sources = new Map<string, SourceRuntime>();
        // The parts this replica collects at once, whichever sources they are of.
        const collecting = pLimit(config.getOptionalNumber('awsPortal.collection.concurrency') ?? 4);
        await withStartupLock(db, async () => {
          if (!database.migrations?.skip) await migrateCollectionTables(db);
          for (const collector of collectors.values()) {
            const key = `awsPortal.sources.${collector.id}.schedule`;
            const schedule = collectionSchedule({
              configured: config.has(key) ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config.getConfig(key)) : undefined,
              collectorDefault: collector.defaultSchedule,
              demo: settings.demo,
            });
            if (collector.readPermission) {
              deps.permissionsRegistry.addPermissions([collector.readPermission]);
            }
            const runtime = new SourceRuntime({
              collector,
              store,
              clients: deps.clients,
              directory,
              knownResources,
              accountRegions:
                collector.parts?.({ accountRegions, demo: settings.demo }) ?? accountRegions,
              demo: settings.demo,
              logger,
              staleAfterMs: staleAfterMs(schedule),
            });
            sources.set(collector.id, runtime);
            await runtime.retainParts();
            // Each account × region is a task of its own, so that replicas
            // share a source's parts rather than one of them collecting it
            // all; the scheduler's lock in the database lets one replica run
            // each part per tick, and a part a dead replica held is taken up
            // again once its run times out.
            for (const part of runtime.parts) {
              await scheduler.scheduleTask({
                id: partTaskId(collector.id, part),
                scope: 'global',
                ...schedule,
                fn: () => collecting(() => runtime.collectPart(part)),
              });
            }
          }
        });

        deps.httpRouter.use(
          await createRouter({
            sources,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            refreshLimiter: new RefreshLimiter(deps.cache, readRefreshLimits(config)),
          }),
        );
      },
    });
  },
});
