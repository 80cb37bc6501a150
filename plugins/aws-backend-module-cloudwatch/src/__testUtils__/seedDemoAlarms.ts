import {
  type MetricDatum,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { type AwsClientFactory, createCloudWatchClient, demoAccountRegions } from '@internal/plugin-aws-node';
import { demoAlarms } from '../alarms/demoAlarms';
import { KEY_METRICS } from '../metrics/keyMetrics';
import { demoMetrics } from '../metrics/demoMetrics';

/** PutMetricData takes at most 1,000 values a call. */
const DATA_PER_CALL = 1000;

/**
 * Puts the demo account's alarms and metrics into an emulator, in the demo
 * accounts and regions: every metric alarm (PutMetricAlarm with its tags,
 * SetAlarmState for those not OK), the data points of their charts and of
 * the key metrics (PutMetricData). Composite alarms are left out: moto has
 * none of its own.
 */
export async function seedDemoAlarms(
  clients: AwsClientFactory,
  now = new Date(),
): Promise<{ alarms: number; datapoints: number }> {
  let alarms = 0;
  let datapoints = 0;
  for (const where of demoAccountRegions()) {
    const cloudwatch = await createCloudWatchClient(clients, where);
    const data = new Map<string, MetricDatum[]>();
    const seen = new Set<string>();
    const add = (namespace: string, datum: MetricDatum) => {
      const list = data.get(namespace) ?? [];
      list.push(datum);
      data.set(namespace, list);
    };
    for (const a of demoAlarms(where, now)) {
      if (a.type !== 'metric' || !a.metric) continue;
      const m = a.metric;
      const Dimensions = Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value }));
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: a.alarmName,
          AlarmDescription: a.description,
          Namespace: m.namespace,
          MetricName: m.metricName,
          Dimensions,
          Statistic: m.statistic as 'Average',
          Period: m.periodSeconds,
          EvaluationPeriods: a.evaluationPeriods,
          DatapointsToAlarm: a.datapointsToAlarm,
          Threshold: a.threshold,
          ComparisonOperator: a.comparison as 'GreaterThanThreshold',
          TreatMissingData: a.treatMissingData,
          Tags: Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      if (a.state !== 'OK') {
        await cloudwatch.send(
          new SetAlarmStateCommand({ AlarmName: a.alarmName, StateValue: a.state, StateReason: a.stateReason }),
        );
      }
      const series = `${m.namespace}|${m.metricName}|${JSON.stringify(m.dimensions)}`;
      if (seen.has(series)) continue;
      seen.add(series);
      for (const [t, v] of a.chart?.points ?? []) {
        add(m.namespace, { MetricName: m.metricName, Dimensions, Timestamp: new Date(t), Value: v, Unit: m.unit as StandardUnit });
      }
      alarms++;
    }
    // The key metrics no alarm watches (p95 latency, connections, …).
    for (const { metrics } of demoMetrics(where, now)) {
      for (const s of metrics.series) {
        const key = KEY_METRICS.find(k => k.id === s.id)!;
        const dims = dimensionsOf(metrics.resourceArn);
        if (!dims) continue;
        const series = `${key.namespace}|${key.metricName}|${JSON.stringify(dims)}`;
        if (seen.has(series)) continue;
        seen.add(series);
        const Dimensions = Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));
        for (const [t, v] of s.points) {
          add(key.namespace, { MetricName: key.metricName, Dimensions, Timestamp: new Date(t), Value: v });
        }
      }
    }
    for (const [Namespace, list] of data) {
      for (let i = 0; i < list.length; i += DATA_PER_CALL) {
        await cloudwatch.send(new PutMetricDataCommand({ Namespace, MetricData: list.slice(i, i + DATA_PER_CALL) }));
      }
      datapoints += list.length;
    }
  }
  return { alarms, datapoints };
}

const DEMO_DIMENSIONS: Array<[RegExp, (m: RegExpExecArray) => Record<string, string>]> = [
  [/^service\/([^/]+)\/(.+)$/, m => ({ ClusterName: m[1], ServiceName: m[2] })],
  [/^db:(.+)$/, m => ({ DBInstanceIdentifier: m[1] })],
  [/^replicationgroup:(.+)$/, m => ({ CacheClusterId: `${m[1]}-001` })],
  [/^cluster\/(.+)$/, m => ({ 'Cluster Name': m[1], 'Broker ID': '1' })],
];

/**
 * The dimensions of a demo resource ARN; undefined for target groups, whose
 * load balancer is not in their ARN.
 */
function dimensionsOf(arn: string): Record<string, string> | undefined {
  const resource = arn.split(':').slice(5).join(':');
  for (const [pattern, dimensions] of DEMO_DIMENSIONS) {
    const m = pattern.exec(resource);
    if (m) return dimensions(m);
  }
  return undefined;
}
