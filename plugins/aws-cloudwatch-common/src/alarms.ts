/** @public */
export type AlarmState = 'ALARM' | 'INSUFFICIENT_DATA' | 'OK';

/** Most urgent first: the order of the fleet page. @public */
export const ALARM_STATES: readonly AlarmState[] = ['ALARM', 'INSUFFICIENT_DATA', 'OK'];

/**
 * One state change of an alarm, from DescribeAlarmHistory (StateUpdate).
 *
 * @public
 */
export interface AlarmHistoryEntry {
  at: string;
  from?: AlarmState;
  to: AlarmState;
  summary: string;
}

/**
 * The metric a metric alarm watches (absent for metric-math and composite alarms).
 *
 * @public
 */
export interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** `Average`, `Sum`, `p95`, … */
  statistic: string;
  periodSeconds: number;
  unit?: string;
}

/**
 * A chart's data: one value per period, oldest first, as `[epoch ms, value]`.
 *
 * @public
 */
export interface MetricSeries {
  /** When the points were read from CloudWatch. */
  readAt: string;
  periodSeconds: number;
  points: Array<[number, number]>;
}

/**
 * An alarm as collected.
 *
 * @public
 */
export interface AlarmSnapshot {
  alarmArn: string;
  alarmName: string;
  accountId: string;
  region: string;
  type: 'metric' | 'composite';
  state: AlarmState;
  stateReason: string;
  /** When the alarm entered its current state. */
  stateSince: string;
  /** When its state or reason last changed: a newer value means new history. */
  stateUpdatedAt: string;
  description?: string;
  actionsEnabled: boolean;
  /** The metric it watches; absent for composite and metric-math alarms. */
  metric?: AlarmMetric;
  /** True for alarms on a metric-math expression. */
  metricMath?: boolean;
  threshold?: number;
  comparison?: string;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  treatMissingData?: string;
  /** A composite alarm's rule, e.g. `ALARM(a) OR ALARM(b)`. */
  rule?: string;
  /** From the alarm's `Severity` tag, lower-cased: `critical`, `high`, … */
  severity?: string;
  tags: Record<string, string>;
  /** ARNs of the resources its dimensions name. */
  resources: string[];
  /** Human names of those resources, e.g. `ECS service crm-production/crm-core-service`. */
  resourceLabels: string[];
  /** State changes of the last 14 days, newest first. */
  history: AlarmHistoryEntry[];
  /** When the history was last read; absent when it could not be. */
  historyReadAt?: string;
  /** The watched metric over the last hours; absent where it is not read. */
  chart?: MetricSeries;
}

/**
 * An alarm on the fleet page.
 *
 * @public
 */
export interface AlarmRow {
  alarmArn: string;
  alarmName: string;
  accountId: string;
  region: string;
  type: 'metric' | 'composite';
  state: AlarmState;
  stateSince: string;
  reason: string;
  severity?: string;
  metricLabel?: string;
  resourceLabel?: string;
  entityRef?: string;
  system?: string;
  owner?: string;
  environment?: string;
  consoleUrl: string;
}

/**
 * An alarm on an entity's Alarms tab.
 *
 * @public
 */
export interface AlarmDetail extends AlarmSnapshot {
  collectedAt: string;
  consoleUrl: string;
}

/**
 * How many alarms are in each state.
 *
 * @public
 */
export type AlarmCounts = Record<AlarmState, number>;

/**
 * The alarms source's digest: counts by entity and by watched resource.
 *
 * @public
 */
export interface AlarmsSummary {
  total: AlarmCounts;
  byEntity: Record<string, AlarmCounts>;
}

/** @public */
export function emptyAlarmCounts(): AlarmCounts {
  return { ALARM: 0, INSUFFICIENT_DATA: 0, OK: 0 };
}

/**
 * Orders alarms most urgent first: ALARM, then INSUFFICIENT_DATA, then OK;
 * within a state the longest-standing first, then by name.
 *
 * @public
 */
export function compareAlarms(
  a: { state: AlarmState; stateSince: string; alarmName: string },
  b: { state: AlarmState; stateSince: string; alarmName: string },
): number {
  return (
    ALARM_STATES.indexOf(a.state) - ALARM_STATES.indexOf(b.state) ||
    a.stateSince.localeCompare(b.stateSince) ||
    a.alarmName.localeCompare(b.alarmName)
  );
}

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside band',
  LessThanLowerThreshold: 'below band',
  GreaterThanUpperThreshold: 'above band',
};

/**
 * The alarm's condition in words: `CPUUtilization Average ≥ 80 for 3 of 3 × 5 min`.
 *
 * @public
 */
export function describeCondition(a: AlarmSnapshot): string {
  if (a.type === 'composite') return a.rule ?? 'Composite alarm';
  const metric = a.metric
    ? `${a.metric.metricName} ${a.metric.statistic}`
    : 'Metric-math expression';
  const op = a.comparison ? OPERATORS[a.comparison] ?? a.comparison : '';
  const threshold = a.threshold !== undefined ? ` ${op} ${a.threshold}` : ` ${op}`;
  const period = a.metric ? ` × ${formatPeriod(a.metric.periodSeconds)}` : '';
  const n = a.evaluationPeriods;
  const m = a.datapointsToAlarm ?? n;
  const window = n ? ` for ${m} of ${n}${period}` : '';
  return `${metric}${threshold.trimEnd()}${window}`;
}

/** @public */
export function formatPeriod(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
