import type { AccountRegion } from '@internal/plugin-aws-common';
import type { ResourceMetrics } from '@internal/plugin-aws-cloudwatch-common';
import { DEMO_SERVICES, type DemoScenario } from '@internal/plugin-aws-node';
import { demoTargetGroup } from '../alarms/demoAlarms';
import { resourcesOfDimensions } from '../dimensions';
import { KEY_METRICS } from './keyMetrics';
import { METRIC_PERIOD_SECONDS, METRIC_WINDOW_HOURS } from './AwsMetricSource';

/** Typical values per key metric; a trouble entry overrides one resource's curve. */
const TYPICAL: Record<string, number> = {
  'ecs-cpu': 28,
  'ecs-memory': 52,
  'alb-5xx': 1,
  'alb-p95': 0.18,
  'rds-cpu': 38,
  'rds-connections': 64,
  'rds-free-storage': 312 * 1024 ** 3,
  'rds-replica-lag': 0.4,
  'redis-cpu': 14,
  'redis-memory': 57,
  'redis-evictions': 0,
  'msk-disk': 64,
  'msk-urp': 0,
};

/** Metrics that count things: whole numbers. */
const COUNTS = new Set(KEY_METRICS.filter(m => m.unit === 'Count').map(m => m.id));

/** [metric id, value now, minutes since it started] for the demo's trouble. */
type Trouble = [string, number, number];

/** What the demo scenarios do to a service's metrics and its target group's. */
const SERVICE_TROUBLE: Partial<Record<DemoScenario, Trouble[]>> = {
  'oom-kills': [['ecs-memory', 97.8, 25]],
  'failed-rollout': [['ecs-cpu', 71, 38]],
};
const WEB_TROUBLE: Partial<Record<DemoScenario, Trouble[]>> = {
  'failed-rollout': [
    ['alb-5xx', 46, 38],
    ['alb-p95', 2.4, 38],
  ],
  'health-check-failures': [['alb-p95', 1.7, 52]],
};

const DEMO_DATA_RESOURCES: Array<{
  where: string;
  namespace: string;
  dimensions: Record<string, string>;
  tags: Record<string, string>;
  trouble?: Trouble[];
}> = [
  { where: '111111111111/us-east-1', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'crm-production-primary' }, tags: { Project: 'CRM-System', Component: 'database', CostCenter: 'finance-consulting' } },
  { where: '111111111111/us-east-1', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'crm-production-replica' }, tags: { Project: 'CRM-System', Component: 'database', CostCenter: 'finance-consulting' } },
  { where: '111111111111/us-east-1', namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: 'crm-redis-cluster-001' }, tags: { Project: 'CRM-System', Component: 'cache', CostCenter: 'finance-consulting' } },
  { where: '111111111111/us-east-1', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'crm-monolith-mysql' }, tags: { Project: 'CRM-Monolith', Component: 'database', CostCenter: 'crm-modular' } },
  { where: '111111111111/us-east-1', namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: 'crm-monolith-redis-0001-001' }, tags: { Project: 'CRM-Monolith', Component: 'cache', CostCenter: 'crm-modular' } },
  { where: '222222222222/us-east-1', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'apexai-production-mysql' }, tags: { Project: 'ApexAI-CRM', Component: 'database', CostCenter: 'apexai-product' } },
  { where: '222222222222/us-east-1', namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: 'apexai-redis-001' }, tags: { Project: 'ApexAI-CRM', Component: 'cache', CostCenter: 'apexai-product' } },
  { where: '222222222222/us-west-2', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'whatif-users' }, tags: { Project: 'What-If', Component: 'database', CostCenter: 'whatif-product' } },
  { where: '222222222222/us-west-2', namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: 'whatif-redis-001' }, tags: { Project: 'What-If', Component: 'cache' } }, // made before the tagging policy: no CostCenter
  { where: '333333333333/us-east-1', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'analytics-primary' }, tags: { Project: 'Analytics', Component: 'database', CostCenter: 'data-platform' } },
  { where: '333333333333/us-east-1', namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: 'analytics-cache-001' }, tags: { Project: 'Analytics', Component: 'cache', CostCenter: 'data-platform' } },
  {
    where: '333333333333/us-east-1',
    namespace: 'AWS/Kafka',
    dimensions: { 'Cluster Name': 'analytics-kafka', 'Broker ID': '2' },
    tags: { Project: 'Analytics', Component: 'kafka', CostCenter: 'data-platform' },
    trouble: [['msk-disk', 86.5, 190], ['msk-urp', 3, 40]],
  },
];

function curve(
  id: string,
  seed: number,
  now: Date,
  trouble?: Trouble,
): Array<[number, number]> {
  const typical = TYPICAL[id] * (0.8 + (seed % 5) / 10);
  const step = METRIC_PERIOD_SECONDS * 1000;
  const end = Math.floor(now.getTime() / step) * step;
  const points: Array<[number, number]> = [];
  for (let t = end - METRIC_WINDOW_HOURS * 3600_000 + step; t <= end; t += step) {
    const ago = (now.getTime() - t) / 60_000;
    const base = trouble && ago <= trouble[2] ? trouble[1] : typical;
    // A wobble that is zero at the newest point, so what the pages show "now"
    // is the same at every hour of the day.
    const wobble = 0.08 * (Math.sin((end - t) / 1_200_000 + seed) - Math.sin(seed));
    const v = base * (1 + wobble);
    points.push([t, COUNTS.has(id) ? Math.round(v) : Math.round(v * 1000) / 1000]);
  }
  return points;
}

/**
 * The demo account's key metrics: every demo service (CPU and memory; 5xx and
 * p95 latency of its target group), the seed systems' databases, caches and
 * Kafka cluster. The OOM-killed services run at the top of their memory, the
 * failed rollout answers 5xx, Kafka's fullest broker is above 80 %.
 */
export function demoMetrics(where: AccountRegion, now: Date): Array<{
  metrics: ResourceMetrics;
  tags: Record<string, string>;
}> {
  const out: Array<{ metrics: ResourceMetrics; tags: Record<string, string> }> = [];
  const make = (
    namespace: string,
    dimensions: Record<string, string>,
    tags: Record<string, string>,
    seed: number,
    trouble: Trouble[] = [],
  ) => {
    const resource = resourcesOfDimensions(namespace, dimensions, where)[0];
    const metrics = KEY_METRICS.filter(m => m.namespace === namespace);
    out.push({
      tags,
      metrics: {
        resourceArn: resource.arn,
        kind: metrics[0].kind,
        label: resource.label,
        accountId: where.accountId,
        region: where.region,
        periodSeconds: METRIC_PERIOD_SECONDS,
        windowStart: new Date(now.getTime() - METRIC_WINDOW_HOURS * 3600_000).toISOString(),
        series: metrics.map(m => ({
          id: m.id,
          label: m.label,
          unit: m.unit,
          points: curve(m.id, seed, now, trouble.find(t => t[0] === m.id)),
        })),
      },
    });
  };
  DEMO_SERVICES.forEach((s, i) => {
    if (s.accountId !== where.accountId || s.region !== where.region) return;
    if (s.scenario === 'scaled-to-zero') return; // no tasks, no metrics
    const trouble = SERVICE_TROUBLE[s.scenario] ?? [];
    make('AWS/ECS', { ClusterName: s.cluster, ServiceName: s.name }, s.tags, i, trouble);
    if (s.port) {
      const { lb, tg } = demoTargetGroup(s);
      const web = WEB_TROUBLE[s.scenario] ?? [];
      make('AWS/ApplicationELB', { LoadBalancer: lb, TargetGroup: tg }, s.tags, i, web);
    }
  });
  DEMO_DATA_RESOURCES.forEach((r, i) => {
    if (r.where !== `${where.accountId}/${where.region}`) return;
    make(r.namespace, r.dimensions, { ...r.tags, Environment: 'production' }, i, r.trouble);
  });
  return out;
}
