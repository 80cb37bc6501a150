import {
  type AlarmDetail,
  type AlarmRow,
  type AlarmSnapshot,
  type AlarmsSummary,
  alarmConsoleUrl,
  compareAlarms,
  emptyAlarmCounts,
} from '@internal/plugin-aws-cloudwatch-common';
import type { AwsCollector, CollectedItem } from '@internal/plugin-aws-node';
import { type AlarmSourceOptions, AwsAlarmSource } from './AwsAlarmSource';
import { demoAlarms } from './demoAlarms';

const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;

function toItem(a: AlarmSnapshot): CollectedItem<AlarmSnapshot> {
  return { key: a.alarmArn, accountId: a.accountId, region: a.region, tags: a.tags, data: a };
}

/**
 * CloudWatch alarms as a source of the collection pipeline: metric and
 * composite alarms of every watched account × region, their tags, state
 * history and the watched metric's last hours. An alarm belongs to the
 * entities that own the resources its dimensions name, those its tags
 * select, and the one its `backstage.io/entity` tag names.
 *
 * @public
 */
export function createAlarmsCollector(
  options: AlarmSourceOptions = {},
): AwsCollector<AlarmSnapshot, AlarmRow, AlarmDetail> {
  const aws = new AwsAlarmSource(options);
  return {
    id: 'alarms',
    itemNoun: 'CloudWatch alarm',
    defaultSchedule: {
      frequency: { minutes: 2 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 5 },
    },

    async collect(accountRegion, context) {
      return (await aws.collectAccountRegion(accountRegion, context)).map(toItem);
    },

    demo(accountRegion, now) {
      return demoAlarms(accountRegion, now).map(toItem);
    },

    async refresh(item, context) {
      const fresh = await aws.collectAlarm(item, context);
      return fresh && toItem(fresh);
    },

    checkKey(key) {
      return ALARM_ARN.test(key)
        ? undefined
        : 'The key must be a CloudWatch alarm ARN (arn:aws:cloudwatch:region:account:alarm:name).';
    },

    resources(item) {
      return item.data.resources;
    },

    present({ data: a, collectedAt }, { owner }) {
      const consoleUrl = alarmConsoleUrl(a.region, a.alarmName);
      let metricLabel = a.type === 'composite' ? 'Composite' : 'Metric math';
      if (a.metric) metricLabel = `${a.metric.namespace} ${a.metric.metricName}`;
      return {
        detail: { ...a, collectedAt, consoleUrl },
        row: {
          alarmArn: a.alarmArn,
          alarmName: a.alarmName,
          accountId: a.accountId,
          region: a.region,
          type: a.type,
          state: a.state,
          stateSince: a.stateSince,
          reason: a.stateReason.length > 240 ? `${a.stateReason.slice(0, 239)}…` : a.stateReason,
          severity: a.severity,
          metricLabel,
          resourceLabel: a.resourceLabels[0],
          entityRef: owner?.entityRef,
          system: owner?.system,
          owner: owner?.owner,
          environment: a.tags.Environment ?? owner?.environment,
          consoleUrl,
        },
      };
    },

    compareRows: compareAlarms,

    summarize(rows): AlarmsSummary {
      const total = emptyAlarmCounts();
      const byEntity: AlarmsSummary['byEntity'] = {};
      for (const r of rows) {
        total[r.state]++;
        if (r.entityRef) {
          const counts = (byEntity[r.entityRef] ??= emptyAlarmCounts());
          counts[r.state]++;
        }
      }
      return { total, byEntity };
    },
  };
}
