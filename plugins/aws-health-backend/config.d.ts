import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** ECS service health. */
  awsHealth?: {
    /**
     * How often every watched account × region is collected. Default: every
     * 5 minutes, 4-minute timeout. One replica collects (global scope).
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** User-requested refreshes of one service. */
    refresh?: {
      /** Minimum seconds between two refreshes of one service. Default 30. */
      perServiceIntervalSeconds?: number;
      /** Refreshes per minute across all services. Default 30. */
      perMinute?: number;
    };
  };
}
