import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  awsPortal?: {
    /**
     * Per data source (by id, e.g. `ecs-health`): how often every watched
     * account × region is collected. Each source has its own default; one
     * replica collects per tick (global scope). Data older than three periods
     * is shown as stale.
     */
    sources?: {
      [sourceId: string]: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /** User-requested refreshes of one item (kept in the cache service). */
    refresh?: {
      /** Minimum seconds between two refreshes of one item. Default 30. */
      perItemIntervalSeconds?: number;
      /** Refreshes per minute across all items. Default 30. */
      perMinute?: number;
    };
  };
}
