import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How often the built-in demo account is collected. Collecting it costs no
 * AWS call, and its times are set relative to the collection: collected
 * once a minute, a backup copy stated as 55 minutes old stays 55–56 minutes
 * old, as on an account whose copy job keeps running. On a source's own
 * schedule (30 minutes for DR) it would age past its RPO between two
 * collections and the demo would say what its seed does not.
 */
export const DEMO_FREQUENCY = { minutes: 1 } as const;

/**
 * The schedule a source is collected on: the configured one
 * (`awsPortal.sources.<id>.schedule`), else once a minute on the demo
 * account, else the collector's own.
 */
export function collectionSchedule(options: {
  configured?: SchedulerServiceTaskScheduleDefinition;
  collectorDefault: SchedulerServiceTaskScheduleDefinition;
  demo: boolean;
}): SchedulerServiceTaskScheduleDefinition {
  if (options.configured) return options.configured;
  if (options.demo) return { ...options.collectorDefault, frequency: DEMO_FREQUENCY, timeout: { minutes: 1 } };
  return options.collectorDefault;
}

/** A schedule's period, when it has one: data older than three periods is stale. */
export function staleAfterMs(schedule: SchedulerServiceTaskScheduleDefinition): number {
  const f = schedule.frequency;
  const period =
    typeof f === 'object' && !('cron' in f) && !('trigger' in f)
      ? durationToMilliseconds(f)
      : 5 * 60_000;
  return 3 * period;
}
