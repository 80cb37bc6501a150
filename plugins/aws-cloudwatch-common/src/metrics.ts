/**
 * What kind of resource a set of key metrics describes.
 *
 * @public
 */
export type MetricResourceKind =
  | 'ecs-service'
  | 'target-group'
  | 'rds-instance'
  | 'redis-cluster'
  | 'msk-cluster';

/**
 * One key metric of a resource over the last hours.
 *
 * @public
 */
export interface KeyMetricSeries {
  /** Stable id, e.g. `ecs-cpu`. */
  id: string;
  /** e.g. `CPU utilization (average)`. */
  label: string;
  /** `Percent`, `Count`, `Bytes`, `Seconds`, `Milliseconds`. */
  unit: string;
  /** Oldest first, `[epoch ms, value]`, one per period. */
  points: Array<[number, number]>;
}

/**
 * The key metrics of one resource, as collected and as served.
 *
 * @public
 */
export interface ResourceMetrics {
  resourceArn: string;
  kind: MetricResourceKind;
  /** e.g. `ECS service crm-production/crm-core-service`. */
  label: string;
  accountId: string;
  region: string;
  periodSeconds: number;
  /** The window the points cover, ending when they were read. */
  windowStart: string;
  series: KeyMetricSeries[];
}

/**
 * A resource's metrics on an entity's Metrics tab.
 *
 * @public
 */
export interface ResourceMetricsDetail extends ResourceMetrics {
  collectedAt: string;
}

/**
 * A resource on the fleet metrics answer: its latest values only.
 *
 * @public
 */
export interface ResourceMetricsRow {
  resourceArn: string;
  kind: MetricResourceKind;
  label: string;
  accountId: string;
  region: string;
  entityRef?: string;
  latest: Record<string, number | undefined>;
  collectedAt: string;
}
