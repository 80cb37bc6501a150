import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** One alarm of a platform construct, as its parts describe it. */
export interface PlatformAlarm {
  /** Its construct id, and the end of its name (`<prefix>-<name>`). */
  name: string;
  metric: cloudwatch.IMetric;
  threshold: number;
  description: string;
  /** Periods the metric must breach in a row; default 3. */
  periods?: number;
  /** true: alarm below the threshold (default: above). */
  below?: boolean;
  /** What missing data means; CloudWatch's default (missing) when not given. */
  missing?: cloudwatch.TreatMissingData;
}

/** The alarms, named `<prefix>-<name>`, under the construct's scope. */
export function platformAlarms(scope: Construct, prefix: string, alarms: PlatformAlarm[]): cloudwatch.Alarm[] {
  return alarms.map(
    a =>
      new cloudwatch.Alarm(scope, a.name, {
        alarmName: `${prefix}-${a.name}`,
        alarmDescription: a.description,
        metric: a.metric,
        threshold: a.threshold,
        evaluationPeriods: a.periods ?? 3,
        comparisonOperator: a.below ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: a.missing,
      }),
  );
}
