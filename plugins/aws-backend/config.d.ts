import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  awsPortal?: {
    /**
     * Per data source (by id, e.g. `ecs-health`): how often every watched
     * account × region is collected. Each source has its own default. Every
     * account × region of a source is a row of a schedule the replicas share
     * in the database: one replica collects it per due time, whichever has
     * a free slot first. `initialDelay` applies when a part is first
     * scheduled; a restart keeps the due times. Data older than three
     * periods is shown as stale.
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
      /**
       * Seconds a replica holds a part it collects unless it renews the
       * lease (it does every third of it): how long the parts of a replica
       * that died wait before another takes them. Default 30.
       */
      leaseSeconds?: number;
      /**
       * Seconds between two looks at the schedule for due parts and lapsed
       * leases (a replica also looks as soon as one of its collections
       * ends). Default 5.
       */
      pollSeconds?: number;
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
