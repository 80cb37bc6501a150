import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  awsPortal?: {
    /**
     * Per data source (by id, e.g. `ecs-health`): how often every watched
     * account × region is collected. Each source has its own default. Every
     * account × region of a source is a global task of its own: one replica
     * collects it per tick, and replicas share the parts. Data older than
     * three periods is shown as stale.
     */
    sources?: {
      [sourceId: string]: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /** How this replica collects. */
    collection?: {
      /**
       * Account × region parts this replica collects at once, over all
       * sources. Default 4.
       */
      concurrency?: number;
    };
    /**
     * User-requested refreshes (counted in the cache service: with Redis the
     * limits hold across replicas). A refresh is charged only once the item
     * is found; an unknown item answers 404 and costs nothing.
     */
    refresh?: {
      /** Minimum seconds between two refreshes of one item, by anyone. Default 30. */
      perItemIntervalSeconds?: number;
      /** Refreshes one user may ask for in a minute, across all items. Default 30. */
      perUserPerMinute?: number;
    };
  };
}
