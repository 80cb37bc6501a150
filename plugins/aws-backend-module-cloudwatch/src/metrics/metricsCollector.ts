import type {
  ResourceMetrics,
  ResourceMetricsDetail,
  ResourceMetricsRow,
} from '@internal/plugin-aws-cloudwatch-common';
import type { AwsCollector, CollectedItem } from '@internal/plugin-aws-node';
import { AwsMetricSource } from './AwsMetricSource';
import { demoMetrics } from './demoMetrics';

function toItem(m: ResourceMetrics, tags: Record<string, string>): CollectedItem<ResourceMetrics> {
  return { key: m.resourceArn, accountId: m.accountId, region: m.region, tags, data: m };
}

/**
 * Key CloudWatch metrics of the fleet's resources as a source of the
 * collection pipeline: ECS CPU and memory, target group 5xx and p95 latency,
 * RDS CPU, connections, free storage and replica lag, Redis CPU, memory and
 * evictions, MSK disk and under-replicated partitions, each over the last
 * three hours. Read on schedule (GetMetricData is billed per metric), never
 * per page view.
 *
 * @public
 */
export function createMetricsCollector(): AwsCollector<
  ResourceMetrics,
  ResourceMetricsRow,
  ResourceMetricsDetail
> {
  const aws = new AwsMetricSource();
  return {
    id: 'metrics',
    itemNoun: 'resource metrics',
    defaultSchedule: {
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
    },

    async collect(accountRegion, context) {
      const { resources, tags } = await aws.collectAccountRegion(accountRegion, context);
      return resources.map(r => toItem(r, tags.get(r.resourceArn) ?? {}));
    },

    demo(accountRegion, now) {
      return demoMetrics(accountRegion, now).map(d => toItem(d.metrics, d.tags));
    },

    resources(item) {
      // A metric names its resource by dimensions only: its tags, when any
      // source collected them (the ECS service's), find its owner.
      return [item.key];
    },

    present({ data, collectedAt }, { owner }) {
      const latest: ResourceMetricsRow['latest'] = {};
      for (const s of data.series) latest[s.id] = s.points[s.points.length - 1]?.[1];
      return {
        detail: { ...data, collectedAt },
        row: {
          resourceArn: data.resourceArn,
          kind: data.kind,
          label: data.label,
          accountId: data.accountId,
          region: data.region,
          entityRef: owner?.entityRef,
          latest,
          collectedAt,
        },
      };
    },
  };
}
