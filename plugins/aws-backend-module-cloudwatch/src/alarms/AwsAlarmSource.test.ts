/*
 * What moto cannot show: DescribeAlarms over several pages, composite alarms
 * and DescribeAlarmHistory. A recorded-answer double (aws-sdk-client-mock)
 * answers CloudWatch with responses shaped as AWS returns them; the tagging
 * API answers the same way. Everything else about the source is tested
 * against moto_server in AwsAlarmSource.moto.test.ts.
 */
import {
  type AlarmHistoryItem,
  CloudWatchClient,
  type CompositeAlarm,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { AlarmSnapshot } from '@internal/plugin-aws-cloudwatch-common';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext, stored } from '../__testUtils__/collectContext';
import { AwsAlarmSource, ruleMembers } from './AwsAlarmSource';

const where = { accountId: '123456789012', region: 'us-east-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

/** A metric alarm as DescribeAlarms returns it. */
function metricAlarm(name: string, state: string, updated: string): MetricAlarm {
  return {
    AlarmName: name,
    AlarmArn: arn(name),
    AlarmDescription: `${name} description`,
    ActionsEnabled: true,
    StateValue: state as MetricAlarm['StateValue'],
    StateReason: `Threshold Crossed: 1 datapoint [91.2 (25/11/26 09:40:00)] was greater than the threshold (80.0).`,
    StateUpdatedTimestamp: new Date(updated),
    StateTransitionedTimestamp: new Date(updated),
    MetricName: 'CPUUtilization',
    Namespace: 'AWS/ECS',
    Statistic: 'Average',
    Dimensions: [
      { Name: 'ClusterName', Value: 'crm-production' },
      { Name: 'ServiceName', Value: name.replace(/-cpu-high$/, '') },
    ],
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 2,
    Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'breaching',
  } as MetricAlarm;
}

const composite: CompositeAlarm = {
  AlarmName: 'crm-core-degraded',
  AlarmArn: arn('crm-core-degraded'),
  ActionsEnabled: true,
  AlarmRule: 'ALARM("crm-core-service-cpu-high") OR ALARM("crm-core-service-5xx")',
  StateValue: 'ALARM',
  StateReason: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:crm-core-service-cpu-high transitioned to ALARM at Wednesday 25 November, 2026 09:40:00 UTC',
  StateUpdatedTimestamp: new Date('2026-11-25T09:40:10Z'),
  StateTransitionedTimestamp: new Date('2026-11-25T09:40:10Z'),
};

/** A StateUpdate history item as DescribeAlarmHistory returns it. */
function stateUpdate(name: string, at: string, from: string, to: string): AlarmHistoryItem {
  return {
    AlarmName: name,
    AlarmType: 'MetricAlarm' as const,
    Timestamp: new Date(at),
    HistoryItemType: 'StateUpdate' as const,
    HistorySummary: `Alarm updated from ${from} to ${to}`,
    HistoryData: JSON.stringify({
      version: '1.0',
      oldState: { stateValue: from, stateReason: '…' },
      newState: { stateValue: to, stateReason: '…' },
    }),
  };
}

function setUp() {
  const cloudwatch = mockClient(CloudWatchClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  tagging.on(GetResourcesCommand).resolves({
    PaginationToken: '',
    ResourceTagMappingList: [
      {
        ResourceARN: arn('crm-core-degraded'),
        Tags: [
          { Key: 'severity', Value: 'Critical' },
          { Key: 'backstage.io/entity', Value: 'component:default/crm-core-service' },
        ],
      },
    ],
  });
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  const clients = new AwsClientFactory(
    { getCredentialProvider: async () => ({ sdkCredentialProvider: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) }) } as any,
    1,
  );
  return { cloudwatch, tagging, clients };
}

afterEach(() => {
  mockClient(CloudWatchClient).restore();
  mockClient(ResourceGroupsTaggingAPIClient).restore();
});

describe('ruleMembers', () => {
  it('reads the member alarms of a composite rule, quoted, bare or by ARN', () => {
    expect(
      ruleMembers(
        'ALARM("crm-core-cpu") OR (OK(crm-core-5xx) AND NOT INSUFFICIENT_DATA("arn:aws:cloudwatch:us-east-1:123456789012:alarm:crm-db"))',
      ),
    ).toEqual(['crm-core-cpu', 'crm-core-5xx', 'crm-db']);
  });
});

describe('AwsAlarmSource (recorded answers)', () => {
  it('reads every page of metric and composite alarms and, the first time, the history of the last 14 days in one sweep', async () => {
    const { cloudwatch, clients } = setUp();
    cloudwatch
      .on(DescribeAlarmsCommand, { NextToken: undefined })
      .resolves({
        MetricAlarms: [metricAlarm('crm-core-service-cpu-high', 'ALARM', '2026-11-25T09:40:00Z')],
        CompositeAlarms: [composite],
        NextToken: 'page-2',
      })
      .on(DescribeAlarmsCommand, { NextToken: 'page-2' })
      .resolves({
        MetricAlarms: [metricAlarm('crm-auth-service-cpu-high', 'OK', '2026-11-20T08:00:00Z')],
        CompositeAlarms: [],
      });
    cloudwatch
      .on(DescribeAlarmHistoryCommand, { NextToken: undefined })
      .resolves({
        AlarmHistoryItems: [
          stateUpdate('crm-core-service-cpu-high', '2026-11-25T09:40:00Z', 'OK', 'ALARM'),
          stateUpdate('crm-core-service-cpu-high', '2026-11-24T22:10:00Z', 'ALARM', 'OK'),
        ],
        NextToken: 'history-2',
      })
      .on(DescribeAlarmHistoryCommand, { NextToken: 'history-2' })
      .resolves({
        AlarmHistoryItems: [
          stateUpdate('crm-core-service-cpu-high', '2026-11-24T21:55:00Z', 'OK', 'ALARM'),
          stateUpdate('crm-auth-service-cpu-high', '2026-11-20T08:00:00Z', 'INSUFFICIENT_DATA', 'OK'),
        ],
      });

    const alarms = await new AwsAlarmSource().collectAccountRegion(
      where,
      collectContext<AlarmSnapshot>(clients, [], NOW),
    );

    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input).toMatchObject({
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
    });
    expect(alarms.map(a => a.alarmName)).toEqual([
      'crm-core-service-cpu-high',
      'crm-core-degraded',
      'crm-auth-service-cpu-high',
    ]);
    expect(alarms[1]).toMatchObject({
      type: 'composite',
      state: 'ALARM',
      rule: 'ALARM("crm-core-service-cpu-high") OR ALARM("crm-core-service-5xx")',
      severity: 'critical',
      // What its member crm-core-service-cpu-high watches (the 5xx member is not in this account).
      resources: ['arn:aws:ecs:us-east-1:123456789012:service/crm-production/crm-core-service'],
      stateSince: '2026-11-25T09:40:10.000Z',
    });
    expect(alarms[1].metric).toBeUndefined();
    expect(alarms[0]).toMatchObject({
      datapointsToAlarm: 2,
      treatMissingData: 'breaching',
      resources: ['arn:aws:ecs:us-east-1:123456789012:service/crm-production/crm-core-service'],
      historyReadAt: NOW.toISOString(),
      history: [
        { at: '2026-11-25T09:40:00.000Z', from: 'OK', to: 'ALARM', summary: 'Alarm updated from OK to ALARM' },
        { at: '2026-11-24T22:10:00.000Z', from: 'ALARM', to: 'OK', summary: 'Alarm updated from ALARM to OK' },
        { at: '2026-11-24T21:55:00.000Z', from: 'OK', to: 'ALARM', summary: 'Alarm updated from OK to ALARM' },
      ],
    });
    const sweep = cloudwatch.commandCalls(DescribeAlarmHistoryCommand);
    expect(sweep).toHaveLength(2);
    expect(sweep[0].args[0].input).toMatchObject({
      HistoryItemType: 'StateUpdate',
      StartDate: new Date('2026-11-11T10:00:00Z'),
      MaxRecords: 100,
    });
    expect(sweep[0].args[0].input.AlarmName).toBeUndefined();
  });

  it('reads no history when no alarm changed, one call per new alarm, and a sweep since the last read for alarms that changed', async () => {
    const { cloudwatch, clients } = setUp();
    const quiet = metricAlarm('crm-auth-service-cpu-high', 'OK', '2026-11-20T08:00:00Z');
    const changing = metricAlarm('crm-core-service-cpu-high', 'OK', '2026-11-25T09:10:00Z');
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [quiet, changing], CompositeAlarms: [] });
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    const source = new AwsAlarmSource();
    const first = await source.collectAccountRegion(where, collectContext<AlarmSnapshot>(clients, [], NOW));
    cloudwatch.resetHistory();

    // Nothing changed: no history call at all.
    const later = new Date(NOW.getTime() + 120_000);
    const same = await source.collectAccountRegion(
      where,
      collectContext(clients, stored(first, a => a.alarmArn, () => where), later),
    );
    expect(cloudwatch.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(0);

    // One alarm changed, one is new: the new one gets its own 14 days, the
    // changed one comes from a sweep since its last read (minus a minute).
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        quiet,
        metricAlarm('crm-core-service-cpu-high', 'ALARM', '2026-11-25T10:03:00Z'),
        metricAlarm('crm-social-service-cpu-high', 'OK', '2026-11-25T10:01:00Z'),
      ],
      CompositeAlarms: [],
    });
    cloudwatch
      .on(DescribeAlarmHistoryCommand, { AlarmName: 'crm-social-service-cpu-high' })
      .resolves({
        AlarmHistoryItems: [
          stateUpdate('crm-social-service-cpu-high', '2026-11-25T10:01:00Z', 'INSUFFICIENT_DATA', 'OK'),
        ],
      })
      .on(DescribeAlarmHistoryCommand, { AlarmName: undefined })
      .resolves({
        AlarmHistoryItems: [stateUpdate('crm-core-service-cpu-high', '2026-11-25T10:03:00Z', 'OK', 'ALARM')],
      });
    const evenLater = new Date(NOW.getTime() + 240_000);
    const next = await source.collectAccountRegion(
      where,
      collectContext(clients, stored(same, a => a.alarmArn, () => where), evenLater),
    );
    const calls = cloudwatch.commandCalls(DescribeAlarmHistoryCommand).map(c => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls.find(c => c.AlarmName)).toMatchObject({
      AlarmName: 'crm-social-service-cpu-high',
      StartDate: new Date('2026-11-11T10:04:00Z'),
    });
    expect(calls.find(c => !c.AlarmName)).toMatchObject({
      StartDate: new Date(NOW.getTime() - 60_000),
    });
    const core = next.find(a => a.alarmName === 'crm-core-service-cpu-high')!;
    expect(core.history.map(h => h.to)).toEqual(['ALARM']);
    expect(core.historyReadAt).toBe(evenLater.toISOString());
    expect(next.find(a => a.alarmName === 'crm-auth-service-cpu-high')!.historyReadAt).toBe(
      NOW.toISOString(),
    );
  });

  it('keeps the history it had when DescribeAlarmHistory is refused, and still collects', async () => {
    const { cloudwatch, clients } = setUp();
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [metricAlarm('crm-core-service-cpu-high', 'ALARM', '2026-11-25T09:59:00Z')],
    });
    cloudwatch.on(DescribeAlarmHistoryCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: cloudwatch:DescribeAlarmHistory'), {
        name: 'AccessDenied',
        $metadata: {},
      }),
    );
    const known: AlarmSnapshot = {
      ...(await new AwsAlarmSource().collectAccountRegion(where, collectContext<AlarmSnapshot>(clients, [], NOW)))[0],
      stateUpdatedAt: '2026-11-25T09:00:00.000Z',
      history: [{ at: '2026-11-25T09:00:00.000Z', from: 'ALARM', to: 'OK', summary: 'Alarm updated from ALARM to OK' }],
      historyReadAt: '2026-11-25T09:00:00.000Z',
    };
    const context = collectContext(clients, stored([known], a => a.alarmArn, () => where), NOW);
    const [alarm] = await new AwsAlarmSource().collectAccountRegion(where, context);
    expect(alarm.state).toBe('ALARM');
    expect(alarm.history).toEqual(known.history);
    expect(alarm.historyReadAt).toBe('2026-11-25T09:00:00.000Z');
    expect(context.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Alarm history not read; keeping what was known.'),
    );
  });
});
