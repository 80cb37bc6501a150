import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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
import { hostname } from 'node:os';
import { CollectionQueue } from './service/CollectionQueue';
import { collectionSchedule, staleAfterMs } from './service/schedule';
import { SourceRuntime } from './service/SourceRuntime';
import { CollectionStore } from './store/CollectionStore';
import { migrateCollectionTables, withStartupLock } from './store/migrate';
import { PartSchedule } from './store/PartSchedule';

/**
 * The AWS collection pipeline. Sources register through
 * `awsCollectorsExtensionPoint` (modules of this plugin); each is collected on
 * its own schedule, each account × region a row of a schedule the replicas
 * share (one replica per part and tick, taken by whichever has room), into
 * this plugin's tables and served at `/api/aws/<source>/…` without calling
 * AWS.
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
        lifecycle: coreServices.lifecycle,
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
        const collection = config.getOptionalConfig('awsPortal.collection');
        const queue = new CollectionQueue({
          schedule: new PartSchedule(db, `${hostname()}:${process.pid}`),
          logger,
          // The parts this replica collects at once, whichever sources they are of.
          concurrency: collection?.getOptionalNumber('concurrency') ?? 4,
          leaseMs: (collection?.getOptionalNumber('leaseSeconds') ?? 30) * 1000,
        });
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
            await queue.add({
              id: collector.id,
              parts: runtime.parts,
              schedule,
              collect: part => runtime.collectPart(part),
            });
          }
        });
        // Each account × region is a row of the shared schedule; this
        // replica takes due ones while it has room, and the next one as soon
        // as a collection ends. The poll notices due times and the lapsed
        // leases of replicas that died.
        await scheduler.scheduleTask({
          id: 'aws-collection-queue',
          scope: 'local',
          frequency: { milliseconds: (collection?.getOptionalNumber('pollSeconds') ?? 5) * 1000 },
          timeout: { minutes: 1 },
          fn: () => queue.fill(),
        });
        deps.lifecycle.addShutdownHook(() => queue.stop());

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
