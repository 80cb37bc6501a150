import {
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { type AwsClientFactory, createCloudWatchClient } from '@internal/plugin-aws-node';
import pLimit from 'p-limit';

export interface MotoAlarmShape {
  /** Alarms per account × region. */
  alarms: number;
  /** Every n-th alarm is set to ALARM (0: none). */
  firingEvery: number;
  /** Every n-th alarm not firing is set to INSUFFICIENT_DATA (0: none). */
  insufficientEvery?: number;
  /** Publish this many minutes of data for each alarm's metric (0: none). */
  dataMinutes?: number;
}

/**
 * The metric each alarm of a realistic fleet watches: five per ECS service
 * (CPU, memory), its database, its cache node and its target group, each on
 * its own resource, so dimensions are as distinct as in a real account.
 */
export function alarmSpec(i: number) {
  const service = Math.floor(i / 5);
  const cluster = `cluster-${service % 25}`;
  switch (i % 5) {
    case 0:
      return { name: `svc-${service}-cpu-high`, namespace: 'AWS/ECS', metric: 'CPUUtilization', dims: { ClusterName: cluster, ServiceName: `svc-${service}` }, threshold: 80 };
    case 1:
      return { name: `svc-${service}-memory-high`, namespace: 'AWS/ECS', metric: 'MemoryUtilization', dims: { ClusterName: cluster, ServiceName: `svc-${service}` }, threshold: 85 };
    case 2:
      return { name: `db-${service}-cpu-high`, namespace: 'AWS/RDS', metric: 'CPUUtilization', dims: { DBInstanceIdentifier: `db-${service}` }, threshold: 80 };
    case 3:
      return { name: `cache-${service}-memory-high`, namespace: 'AWS/ElastiCache', metric: 'DatabaseMemoryUsagePercentage', dims: { CacheClusterId: `cache-${service}-001` }, threshold: 80 };
    default:
      return {
        name: `svc-${service}-target-5xx`,
        namespace: 'AWS/ApplicationELB',
        metric: 'HTTPCode_Target_5XX_Count',
        dims: {
          LoadBalancer: `app/${cluster}-alb/${(service % 25).toString(16).padStart(16, '0')}`,
          TargetGroup: `targetgroup/svc-${service}/${service.toString(16).padStart(16, '0')}`,
        },
        threshold: 10,
      };
  }
}

/**
 * Creates alarms on moto: PutMetricAlarm with tags (the owning entity and a
 * severity), SetAlarmState for the firing ones, and PutMetricData for their
 * metrics so that charts have points.
 */
export async function buildMotoAlarms(
  clients: AwsClientFactory,
  accountRegions: AccountRegion[],
  shape: MotoAlarmShape,
): Promise<void> {
  const limit = pLimit(16);
  for (const where of accountRegions) {
    const cloudwatch = await createCloudWatchClient(clients, where);
    const now = Date.now();
    await Promise.all(
      Array.from({ length: shape.alarms }, (_, i) =>
        limit(async () => {
          const spec = alarmSpec(i);
          const Dimensions = Object.entries(spec.dims).map(([Name, Value]) => ({ Name, Value }));
          await cloudwatch.send(
            new PutMetricAlarmCommand({
              AlarmName: spec.name,
              AlarmDescription: `${spec.metric} of ${Object.values(spec.dims).join('/')}`,
              Namespace: spec.namespace,
              MetricName: spec.metric,
              Dimensions,
              Statistic: spec.namespace === 'AWS/ApplicationELB' ? 'Sum' : 'Average',
              Period: 60,
              EvaluationPeriods: 3,
              DatapointsToAlarm: 3,
              Threshold: spec.threshold,
              ComparisonOperator: 'GreaterThanThreshold',
              Tags: [
                { Key: 'Severity', Value: i % 5 === 1 ? 'critical' : 'high' },
                { Key: 'Service', Value: `svc-${Math.floor(i / 5)}` },
                {
                  Key: 'backstage.io/entity',
                  Value: `component:default/svc-${Math.floor(i / 5)}`,
                },
              ],
            }),
          );
          const firing = shape.firingEvery > 0 && i % shape.firingEvery === 0;
          const insufficient =
            !firing && !!shape.insufficientEvery && i % shape.insufficientEvery === 0;
          let state: { StateValue: 'ALARM' | 'INSUFFICIENT_DATA' | 'OK'; StateReason: string } = {
            StateValue: 'OK',
            StateReason: 'Threshold not crossed.',
          };
          if (firing) {
            state = {
              StateValue: 'ALARM',
              StateReason: `Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (${spec.threshold}).`,
            };
          } else if (insufficient) {
            state = { StateValue: 'INSUFFICIENT_DATA', StateReason: 'Insufficient Data: 3 datapoints were unknown.' };
          }
          await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: spec.name, ...state }));
          if (shape.dataMinutes) {
            await cloudwatch.send(
              new PutMetricDataCommand({
                Namespace: spec.namespace,
                MetricData: Array.from({ length: shape.dataMinutes }, (__, m) => ({
                  MetricName: spec.metric,
                  Dimensions,
                  Timestamp: new Date(now - (shape.dataMinutes! - m) * 60_000),
                  Value: spec.threshold * (m % 2 ? 0.5 : 0.6),
                })),
              }),
            );
          }
        }),
      ),
    );
  }
}
