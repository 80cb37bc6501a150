import type { AccountRegion } from '@internal/plugin-aws-common';
import type {
  AlarmHistoryEntry,
  AlarmSnapshot,
  AlarmState,
} from '@internal/plugin-aws-cloudwatch-common';
import { DEMO_SERVICES, type DemoService } from '@internal/plugin-aws-node';
import { resourcesOfDimensions } from '../dimensions';
import { CHART_HOURS } from './AwsAlarmSource';

/** A state change, `minutesAgo` before now. */
type Change = [minutesAgo: number, to: AlarmState];

interface DemoAlarm {
  name: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: string;
  threshold: number;
  comparison: string;
  unit: string;
  /** Typical value, and the value while in ALARM. */
  normal: number;
  firing: number;
  /** Newest first; the first is the current state. Empty: OK for 9 days. */
  changes: Change[];
  severity: string;
  tags: Record<string, string>;
  description: string;
}

export const DEMO_ALB: Record<string, string> = {
  'crm-production': 'app/crm-production-alb/5f1c2e3d4b6a7980',
  'apexai-production': 'app/apexai-production-alb/1a2b3c4d5e6f7081',
  'whatif-production': 'app/whatif-production-alb/9e8d7c6b5a493827',
  'crm-monolith-production': 'app/crm-monolith-alb/0f1e2d3c4b5a6978',
  'analytics-production': 'app/analytics-production-alb/4c3b2a1908f7e6d5',
};

/** The demo service's load balancer and target group, as CloudWatch dimensions name them. */
export function demoTargetGroup(s: DemoService): { lb: string; tg: string } {
  let hash = 0;
  for (const c of s.name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return {
    lb: DEMO_ALB[s.cluster],
    tg: `targetgroup/${s.name.slice(0, 24)}/${hash.toString(16).padStart(16, '0')}`,
  };
}

/** The OOM-killed services' memory alarm: flapping for hours, firing now. */
const MEMORY_CHANGES: Partial<Record<DemoService['scenario'], Change[]>> = {
  'oom-kills': [
    [25, 'ALARM'],
    [70, 'OK'],
    [96, 'ALARM'],
    [6 * 60, 'OK'],
    [7 * 60, 'ALARM'],
  ],
};

function serviceAlarms(s: DemoService): DemoAlarm[] {
  const dims = { ClusterName: s.cluster, ServiceName: s.name };
  const base = { tags: { ...s.tags }, namespace: 'AWS/ECS', statistic: 'Average', unit: 'Percent' };
  const zero = s.scenario === 'scaled-to-zero';
  const alarms: DemoAlarm[] = [
    {
      ...base,
      name: `${s.name}-cpu-high`,
      metricName: 'CPUUtilization',
      dimensions: dims,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      normal: 22 + (s.name.length % 7) * 4,
      firing: 93,
      changes: zero ? [[2 * 24 * 60, 'INSUFFICIENT_DATA']] : [],
      severity: 'high',
      description: `CPU of ${s.name} above 80 % for 3 minutes.`,
    },
    {
      ...base,
      name: `${s.name}-memory-high`,
      metricName: 'MemoryUtilization',
      dimensions: dims,
      threshold: 85,
      comparison: 'GreaterThanThreshold',
      normal: 48 + (s.name.length % 5) * 5,
      firing: 97.8,
      changes: MEMORY_CHANGES[s.scenario] ?? (zero ? [[2 * 24 * 60, 'INSUFFICIENT_DATA']] : []),
      severity: 'critical',
      description: `Memory of ${s.name} above 85 %: tasks are OOM-killed at 100 %.`,
    },
  ];
  if (s.port) {
    const { lb, tg } = demoTargetGroup(s);
    alarms.push({
      ...base,
      name: `${s.name}-target-5xx`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: lb, TargetGroup: tg },
      statistic: 'Sum',
      unit: 'Count',
      threshold: 10,
      comparison: 'GreaterThanOrEqualToThreshold',
      normal: 1,
      firing: 46,
      changes: s.scenario === 'failed-rollout' ? [[38, 'ALARM'], [3 * 24 * 60, 'OK']] : [],
      severity: 'high',
      description: `5xx answers of ${s.name}'s targets: 10 or more a minute.`,
    });
    if (s.healthCheckPath) {
      alarms.push({
        ...base,
        name: `${s.name}-unhealthy-targets`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: { LoadBalancer: lb, TargetGroup: tg },
        statistic: 'Maximum',
        unit: 'Count',
        threshold: 1,
        comparison: 'GreaterThanOrEqualToThreshold',
        normal: 0,
        firing: 2,
        changes:
          s.scenario === 'health-check-failures'
            ? [[52, 'ALARM'], [58, 'OK'], [64, 'ALARM'], [4 * 24 * 60, 'OK']]
            : [],
        severity: 'high',
        description: `A target of ${s.name} fails its health check (${s.healthCheckPath}).`,
      });
    }
  }
  return alarms;
}

const resource = (
  project: string,
  component: string,
  name: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  o: Partial<DemoAlarm>,
): DemoAlarm => ({
  name,
  namespace,
  metricName,
  dimensions,
  statistic: 'Average',
  threshold: 80,
  comparison: 'GreaterThanThreshold',
  unit: 'Percent',
  normal: 30,
  firing: 90,
  changes: [],
  severity: 'high',
  tags: { Project: project, Component: component, Environment: 'production', ManagedBy: 'cdk' },
  description: `${metricName} of ${Object.values(dimensions)[0]}.`,
  ...o,
});

const GiB = 1024 ** 3;

/** Alarms on the demo databases, caches and Kafka, by account × region. */
const RESOURCE_ALARMS: Record<string, DemoAlarm[]> = {
  '111111111111/us-east-1': [
    resource('CRM-System', 'database', 'crm-postgres-cpu-high', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'crm-production-primary' }, { normal: 41 }),
    resource('CRM-System', 'database', 'crm-postgres-free-storage-low', 'AWS/RDS', 'FreeStorageSpace', { DBInstanceIdentifier: 'crm-production-primary' }, {
      threshold: 50 * GiB, comparison: 'LessThanThreshold', unit: 'Bytes', normal: 312 * GiB, firing: 40 * GiB, severity: 'critical',
      description: 'Less than 50 GiB free on crm-production-primary (500 GiB gp3, autoscaling to 2,000).',
    }),
    resource('CRM-System', 'database', 'crm-postgres-replica-lag', 'AWS/RDS', 'ReplicaLag', { DBInstanceIdentifier: 'crm-production-replica' }, {
      threshold: 30, unit: 'Seconds', normal: 0.4, firing: 95, changes: [[14 * 60, 'OK'], [15 * 60, 'ALARM'], [5 * 24 * 60, 'OK']],
      description: 'The read replica lags the primary by more than 30 s.',
    }),
    resource('CRM-System', 'cache', 'crm-redis-memory-high', 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'crm-redis-cluster-001' }, { normal: 58 }),
    resource('CRM-Monolith', 'database', 'crm-monolith-mysql-cpu-high', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'crm-monolith-mysql' }, { normal: 27 }),
    resource('CRM-Monolith', 'cache', 'crm-monolith-redis-evictions', 'AWS/ElastiCache', 'Evictions', { CacheClusterId: 'crm-monolith-redis-0001-001' }, {
      statistic: 'Sum', unit: 'Count', threshold: 100, normal: 0, firing: 400, severity: 'medium',
    }),
  ],
  '222222222222/us-east-1': [
    resource('ApexAI-CRM', 'database', 'apexai-mysql-cpu-high', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'apexai-production-mysql' }, { normal: 18 }),
    resource('ApexAI-CRM', 'cache', 'apexai-redis-memory-high', 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'apexai-redis-001' }, { normal: 35 }),
  ],
  '222222222222/us-west-2': [
    resource('What-If', 'database', 'whatif-users-cpu-high', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'whatif-users' }, { normal: 33 }),
    resource('What-If', 'cache', 'whatif-redis-cpu-high', 'AWS/ElastiCache', 'EngineCPUUtilization', { CacheClusterId: 'whatif-redis-001' }, { normal: 12 }),
  ],
  '333333333333/us-east-1': [
    resource('Analytics', 'database', 'analytics-postgres-cpu-high', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'analytics-primary' }, { normal: 55 }),
    resource('Analytics', 'kafka', 'analytics-kafka-disk-high', 'AWS/Kafka', 'KafkaDataLogsDiskUsed', { 'Cluster Name': 'analytics-kafka', 'Broker ID': '2' }, {
      statistic: 'Maximum', threshold: 80, normal: 64, firing: 86.5, changes: [[3 * 60 + 10, 'ALARM'], [8 * 24 * 60, 'OK']],
      description: 'Broker 2 of analytics-kafka has used more than 80 % of its 100 GiB.',
    }),
    resource('Analytics', 'kafka', 'analytics-kafka-under-replicated', 'AWS/Kafka', 'UnderReplicatedPartitions', { 'Cluster Name': 'analytics-kafka', 'Broker ID': '2' }, {
      statistic: 'Sum', unit: 'Count', threshold: 0, normal: 0, firing: 3, severity: 'critical', changes: [[40, 'ALARM'], [9 * 24 * 60, 'OK']],
      description: 'Partitions on analytics-kafka are under-replicated: a broker is behind.',
    }),
    resource('Analytics', 'cache', 'analytics-cache-memory-high', 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'analytics-cache-001' }, { normal: 61 }),
  ],
};

const STATE_WORDS: Record<AlarmState, string> = {
  ALARM: 'ALARM',
  OK: 'OK',
  INSUFFICIENT_DATA: 'INSUFFICIENT_DATA',
};

const round = (v: number) => Math.round(v * 100) / 100;

function reasonFor(a: DemoAlarm, state: AlarmState, at: Date): string {
  if (state === 'INSUFFICIENT_DATA') {
    return 'Insufficient Data: 3 datapoints were unknown.';
  }
  const value = state === 'ALARM' ? a.firing : a.normal;
  const stamp = at.toISOString().replace('T', ' ').slice(0, 16);
  const word = a.comparison.startsWith('Less') ? 'less than' : 'greater than';
  const verb = state === 'ALARM' ? 'were' : 'were not';
  return `Threshold Crossed: 3 out of the last 3 datapoints [${round(value)} (${stamp})] ${verb} ${word} the threshold (${a.threshold}).`;
}

/** The state the alarm was in at a moment, from its changes. */
function stateAt(a: DemoAlarm, minutesAgo: number): AlarmState {
  // Changes are newest first: the latest one made at or before that moment.
  const change = a.changes.find(([ago]) => ago >= minutesAgo);
  if (change) return change[1];
  // Before the oldest change: the opposite of where it went (OK when it went nowhere).
  const oldest = a.changes[a.changes.length - 1];
  return oldest?.[1] === 'OK' ? 'ALARM' : 'OK';
}

function toSnapshot(a: DemoAlarm, where: AccountRegion, now: Date): AlarmSnapshot {
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const state = a.changes[0]?.[1] ?? 'OK';
  const since = at(a.changes[0]?.[0] ?? 9 * 24 * 60);
  const history: AlarmHistoryEntry[] = a.changes
    .filter(([ago]) => ago < 14 * 24 * 60)
    .map(([ago, to], i) => ({
      at: at(ago).toISOString(),
      from: a.changes[i + 1]?.[1] ?? (to === 'OK' ? 'ALARM' : 'OK'),
      to,
      summary: `Alarm updated from ${STATE_WORDS[a.changes[i + 1]?.[1] ?? (to === 'OK' ? 'ALARM' : 'OK')]} to ${STATE_WORDS[to]}`,
    }));
  const named = resourcesOfDimensions(a.namespace, a.dimensions, where);
  const arn = `arn:aws:cloudwatch:${where.region}:${where.accountId}:alarm:${a.name}`;
  const points: Array<[number, number]> = [];
  if (state !== 'INSUFFICIENT_DATA') {
    const end = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let t = end - CHART_HOURS * 3600_000 + 60_000; t <= end; t += 60_000) {
      const ago = (now.getTime() - t) / 60_000;
      const firing = stateAt(a, ago) === 'ALARM';
      const wobble = 1 + 0.08 * Math.sin(t / 600_000 + a.name.length);
      points.push([t, round((firing ? a.firing : a.normal) * wobble)]);
    }
  }
  return {
    alarmArn: arn,
    alarmName: a.name,
    accountId: where.accountId,
    region: where.region,
    type: 'metric',
    state,
    stateReason: reasonFor(a, state, since),
    stateSince: since.toISOString(),
    stateUpdatedAt: since.toISOString(),
    description: a.description,
    actionsEnabled: true,
    metric: {
      namespace: a.namespace,
      metricName: a.metricName,
      dimensions: a.dimensions,
      statistic: a.statistic,
      periodSeconds: 60,
      unit: a.unit,
    },
    threshold: a.threshold,
    comparison: a.comparison,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: 'missing',
    severity: a.severity,
    tags: { ...a.tags, Severity: a.severity },
    resources: named.map(r => r.arn),
    resourceLabels: named.map(r => r.label),
    history,
    historyReadAt: now.toISOString(),
    chart: points.length
      ? { readAt: now.toISOString(), periodSeconds: 60, points }
      : undefined,
  };
}

function composite(
  name: string,
  members: AlarmSnapshot[],
  tags: Record<string, string>,
  where: AccountRegion,
): AlarmSnapshot {
  const firing = members.find(m => m.state === 'ALARM');
  const since = firing?.stateSince ?? members.map(m => m.stateSince).sort().pop()!;
  return {
    alarmArn: `arn:aws:cloudwatch:${where.region}:${where.accountId}:alarm:${name}`,
    alarmName: name,
    accountId: where.accountId,
    region: where.region,
    type: 'composite',
    state: firing ? 'ALARM' : 'OK',
    stateReason: firing
      ? `arn:aws:cloudwatch:${where.region}:${where.accountId}:alarm:${firing.alarmName} transitioned to ALARM`
      : 'No member alarm is in ALARM.',
    stateSince: since,
    stateUpdatedAt: since,
    description: 'Pages on-call when the service is overloaded or failing requests.',
    actionsEnabled: true,
    rule: members.map(m => `ALARM("${m.alarmName}")`).join(' OR '),
    severity: 'critical',
    tags: { ...tags, Severity: 'critical' },
    resources: [...new Set(members.flatMap(m => m.resources))],
    resourceLabels: [...new Set(members.flatMap(m => m.resourceLabels))],
    history: firing ? firing.history : [],
    historyReadAt: members[0].historyReadAt,
  };
}

/**
 * The demo account's alarms: the seed systems' alarms on their ECS services,
 * databases, caches and Kafka, with the failing demo services firing (the
 * OOM-killed ones on memory, the failed rollout on 5xx, the failing health
 * checks on unhealthy targets) and their history over the last days.
 */
export function demoAlarms(where: AccountRegion, now: Date): AlarmSnapshot[] {
  const out: AlarmSnapshot[] = [];
  for (const s of DEMO_SERVICES) {
    if (s.accountId !== where.accountId || s.region !== where.region) continue;
    const alarms = serviceAlarms(s).map(a => toSnapshot(a, where, now));
    out.push(...alarms);
    if (s.desiredCount >= 3 && s.port) {
      const members = alarms.filter(a => /cpu-high|target-5xx/.test(a.alarmName));
      out.push(composite(`${s.name}-degraded`, members, s.tags, where));
    }
  }
  for (const a of RESOURCE_ALARMS[`${where.accountId}/${where.region}`] ?? []) {
    out.push(toSnapshot(a, where, now));
  }
  return out;
}
