import { paginateListMetrics } from '@aws-sdk/client-cloudwatch';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { ResourceMetrics } from '@internal/plugin-aws-cloudwatch-common';
import {
  type CollectContext,
  createCloudWatchClient,
  readMetricData,
} from '@internal/plugin-aws-node';
import { dimensionRecord, resourcesOfDimensions } from '../dimensions';
import { tagsOfResources } from '../tagsOfResources';
import { KEY_METRICS, type KeyMetric } from './keyMetrics';

/** The charts' window and resolution. */
export const METRIC_WINDOW_HOURS = 3;
export const METRIC_PERIOD_SECONDS = 300;

/** One series to read: a key metric of one node of one resource. */
interface Wanted {
  metric: KeyMetric;
  dimensions: Record<string, string>;
  resource: { arn: string; label: string };
}

export interface CollectedMetrics {
  resources: ResourceMetrics[];
  tags: Map<string, Record<string, string>>;
}

/**
 * The key metrics of every resource in one account × region. The resources
 * are found in CloudWatch itself (ListMetrics per key metric, recently
 * active ones only), so no other service is asked; target group tags come
 * from one Resource Groups Tagging API sweep so that a target group finds
 * its owner through its `backstage.io/entity` tag. All series are then read
 * with GetMetricData, 500 queries a call.
 */
export class AwsMetricSource {
  async collectAccountRegion(
    where: AccountRegion,
    context: CollectContext<ResourceMetrics>,
  ): Promise<CollectedMetrics> {
    const cloudwatch = await createCloudWatchClient(context.clients, where);
    const wanted: Wanted[] = [];
    const [, tags] = await Promise.all([
      Promise.all(
        KEY_METRICS.map(async metric => {
          for await (const page of paginateListMetrics(
            { client: cloudwatch },
            { Namespace: metric.namespace, MetricName: metric.metricName, RecentlyActive: 'PT3H' },
          )) {
            for (const m of page.Metrics ?? []) {
              const dimensions = dimensionRecord(m.Dimensions);
              const names = Object.keys(dimensions);
              if (names.length !== metric.dimensions.length) continue;
              if (!metric.dimensions.every(n => n in dimensions)) continue;
              const resource = resourcesOfDimensions(metric.namespace, dimensions, where)[0];
              if (resource) wanted.push({ metric, dimensions, resource });
            }
          }
        }),
      ),
      tagsOfResources(
        await context.clients.create(ResourceGroupsTaggingAPIClient, where),
        'elasticloadbalancing:targetgroup',
      ),
    ]);
    const now = context.now;
    const start = new Date(now.getTime() - METRIC_WINDOW_HOURS * 3600_000);
    const read = await readMetricData(
      cloudwatch,
      wanted.map((w, j) => ({
        Id: `m${j}`,
        MetricStat: {
          Metric: {
            Namespace: w.metric.namespace,
            MetricName: w.metric.metricName,
            Dimensions: Object.entries(w.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: METRIC_PERIOD_SECONDS,
          Stat: w.metric.stat,
        },
      })),
      { start, end: now },
    );
    const values = wanted.map((_, j) => read.get(`m${j}`) ?? []);

    const byResource = new Map<string, ResourceMetrics>();
    const combined = new Map<string, Map<number, number>>();
    wanted.forEach((w, i) => {
      const r =
        byResource.get(w.resource.arn) ??
        ({
          resourceArn: w.resource.arn,
          kind: w.metric.kind,
          label: w.resource.label,
          accountId: where.accountId,
          region: where.region,
          periodSeconds: METRIC_PERIOD_SECONDS,
          windowStart: start.toISOString(),
          series: [],
        } as ResourceMetrics);
      byResource.set(w.resource.arn, r);
      const key = `${w.resource.arn}|${w.metric.id}`;
      let points = combined.get(key);
      if (!points) {
        points = new Map();
        combined.set(key, points);
        r.series.push({ id: w.metric.id, label: w.metric.label, unit: w.metric.unit, points: [] });
      }
      for (const [t, v] of values[i]) {
        const had = points.get(t);
        if (had === undefined) points.set(t, v);
        else points.set(t, w.metric.combine === 'sum' ? had + v : Math.max(had, v));
      }
    });
    const order = new Map(KEY_METRICS.map((m, i) => [m.id, i]));
    for (const r of byResource.values()) {
      for (const s of r.series) {
        s.points = [...combined.get(`${r.resourceArn}|${s.id}`)!.entries()].sort((a, b) => a[0] - b[0]);
      }
      r.series.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    }
    return { resources: [...byResource.values()], tags };
  }
}
