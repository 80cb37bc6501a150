/*
 * The alarm source against moto_server: PutMetricAlarm (with tags),
 * SetAlarmState, DescribeAlarms, the tagging API and GetMetricData over
 * PutMetricData are moto's own. moto has no DescribeAlarmHistory, no
 * composite alarms of its own and does not page DescribeAlarms; those are
 * covered by AwsAlarmSource.test.ts with recorded answers. Here the missing
 * history must degrade to "history not read", not fail the collection.
 */
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ConfigReader } from '@backstage/config';
import type { AlarmSnapshot } from '@internal/plugin-aws-cloudwatch-common';
import {
  AwsClientFactory,
  createCloudWatchClient,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  actionsMissingFromPolicy,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { collectContext, stored } from '../__testUtils__/collectContext';
import { buildMotoAlarms } from '../__testUtils__/motoAlarms';
import { AwsAlarmSource } from './AwsAlarmSource';

jest.setTimeout(120_000);

const moto = useMotoServer();

it('collects every alarm with state, reason, tags, the resources its dimensions name and a chart; the second time reads no chart of a quiet alarm again', async () => {
  const config = new ConfigReader(
    motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1', 'eu-west-1'] }),
  );
  const clients = AwsClientFactory.fromConfig(config);
  const [where, other] = readAwsPortalSettings(config).accountRegions;
  await buildMotoAlarms(clients, [where], { alarms: 40, firingEvery: 7, insufficientEvery: 13, dataMinutes: 20 });
  await buildMotoAlarms(clients, [other], { alarms: 3, firingEvery: 0 });
  clients.calls.reset();

  const source = new AwsAlarmSource();
  const first = collectContext<AlarmSnapshot>(clients);
  const alarms = await source.collectAccountRegion(where, first);

  expect(alarms).toHaveLength(40);
  const names = (state: string) =>
    alarms.filter(a => a.state === state).map(a => a.alarmName).sort();
  expect(names('ALARM')).toEqual([
    'cache-5-memory-high',
    'db-1-cpu-high',
    'svc-0-cpu-high',
    'svc-2-target-5xx',
    'svc-4-memory-high',
    'svc-7-cpu-high',
  ]);
  expect(names('INSUFFICIENT_DATA')).toEqual(['cache-2-memory-high', 'svc-5-memory-high', 'svc-7-target-5xx']);
  const firing = alarms.find(a => a.alarmName === 'svc-4-memory-high')!;
  expect(firing).toMatchObject({
    alarmArn: `arn:aws:cloudwatch:us-east-1:${where.accountId}:alarm:svc-4-memory-high`,
    type: 'metric',
    state: 'ALARM',
    stateReason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (85).',
    severity: 'critical',
    tags: { Service: 'svc-4', 'backstage.io/entity': 'component:default/svc-4' },
    metric: {
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions: { ClusterName: 'cluster-4', ServiceName: 'svc-4' },
      statistic: 'Average',
      periodSeconds: 60,
    },
    threshold: 85,
    comparison: 'GreaterThanThreshold',
    evaluationPeriods: 3,
    resources: [`arn:aws:ecs:us-east-1:${where.accountId}:service/cluster-4/svc-4`],
    resourceLabels: ['ECS service cluster-4/svc-4'],
  });
  // GetMetricData over what PutMetricData published: one point a minute.
  expect(firing.chart!.points.length).toBeGreaterThanOrEqual(18);
  expect(firing.chart!.points.every(([, v]) => v === 42.5 || v === 51)).toBe(true);
  expect(alarms.find(a => a.alarmName === 'svc-1-target-5xx')!.resources).toEqual([
    `arn:aws:elasticloadbalancing:us-east-1:${where.accountId}:targetgroup/svc-1/0000000000000001`,
    `arn:aws:elasticloadbalancing:us-east-1:${where.accountId}:loadbalancer/app/cluster-1-alb/0000000000000001`,
  ]);

  // moto has no DescribeAlarmHistory: the collection goes on without history and says why.
  expect(firing.history).toEqual([]);
  expect(firing.historyReadAt).toBeUndefined();
  expect(first.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/^Alarm history not read; keeping what was known\./));

  const calls = clients.calls.byOperation();
  expect(actionsMissingFromPolicy(calls)).toEqual([]);
  expect(calls).toMatchObject({
    // moto answers DescribeAlarms in one page whatever its size.
    'CloudWatchClient.DescribeAlarmsCommand': 1,
    // One sweep for all 40 alarms' tags; moto ends a page at 100 tags as
    // well as at 100 resources, and 40 alarms carry 120 tags: 2 pages.
    'ResourceGroupsTaggingAPIClient.GetResourcesCommand': 2,
    'CloudWatchClient.GetMetricDataCommand': 1,
  });

  // Four hours later, with quiet charts kept for a day: only the alarms not
  // OK are read again; a quiet alarm keeps the chart it had.
  clients.calls.reset();
  const later = new Date(first.now.getTime() + 4 * 3600_000);
  const patient = new AwsAlarmSource({ quietChartMaxAgeMs: 24 * 3600_000 });
  const again = await patient.collectAccountRegion(
    where,
    collectContext(clients, stored(alarms, a => a.alarmArn, a => a), later),
  );
  expect(again.map(a => a.state)).toEqual(alarms.map(a => a.state));
  const chartReadAt = (name: string) => again.find(a => a.alarmName === name)!.chart?.readAt;
  expect(chartReadAt('svc-4-memory-high')).toBe(later.toISOString());
  expect(chartReadAt('svc-5-memory-high')).toBe(later.toISOString()); // INSUFFICIENT_DATA
  expect(chartReadAt('svc-2-cpu-high')).toBe(first.now.toISOString());
  expect(clients.calls.byOperation()['CloudWatchClient.GetMetricDataCommand']).toBe(1);

  // A user's refresh of one alarm reads its new state at once.
  await (await createCloudWatchClient(clients, where)).send(
    new SetAlarmStateCommand({ AlarmName: 'svc-1-cpu-high', StateValue: 'ALARM', StateReason: 'Threshold Crossed: refreshed.' }),
  );
  const [quietOne] = stored(alarms.filter(a => a.alarmName === 'svc-1-cpu-high'), a => a.alarmArn, a => a);
  const refreshed = await source.collectAlarm(quietOne, collectContext(clients, [quietOne]));
  expect(refreshed).toMatchObject({ state: 'ALARM', stateReason: 'Threshold Crossed: refreshed.' });
  expect(refreshed!.chart!.readAt).not.toBe(quietOne.data.chart!.readAt);
  const gone = await source.collectAlarm(
    { ...quietOne, data: { ...quietOne.data, alarmName: 'deleted-alarm' } },
    collectContext(clients, []),
  );
  expect(gone).toBeUndefined();
});
