/*
 * The cost source against moto_server. moto answers GetCostAndUsage only
 * from a queue of canned results (one per distinct request, in order) and
 * ignores GroupBy, so the results queued here are shaped as Cost Explorer
 * shapes grouped answers; what crosses the wire (the SDK's requests, paging
 * by NextPageToken, credentials through the portal's client factory) is
 * real. moto has no GetCostForecast, GetAnomalies or
 * ListCostAllocationTags: a recorded-answer double answers those three on
 * the same client, in the SDK's middleware, before any request is sent.
 */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { CostCenterSnapshot } from '@internal/plugin-aws-cost-common';
import { AwsClientFactory, readAwsPortalSettings, type StoredItem } from '@internal/plugin-aws-node';
import {
  type RecordedAnswer,
  actionsMissingFromPolicy,
  motoPortalConfig,
  useMotoServer,
  useRecordedAnswers,
} from '@internal/plugin-aws-node/testUtils';
import { AwsCostSource } from './AwsCostSource';

jest.setTimeout(60_000);

const moto = useMotoServer();
const NOW = new Date('2026-11-25T06:00:00Z');

const group = (center: string, value: string, amount: string) => ({
  Keys: [`CostCenter$${center}`, value],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});
const period = (Start: string, End: string, Groups: unknown[]) => ({ TimePeriod: { Start, End }, Groups, Estimated: false });

/** The answers of the three GetCostAndUsage queries, in the order the source asks. */
const CANNED = [
  // Daily by service: two pages.
  { ResultsByTime: [period('2026-08-27', '2026-08-28', [group('finance-consulting', 'Amazon Relational Database Service', '40.5')])], NextPageToken: 'page-2' },
  {
    ResultsByTime: [
      period('2026-11-24', '2026-11-25', [
        group('finance-consulting', 'Amazon Relational Database Service', '49.5'),
        group('', 'Amazon Simple Storage Service', '10.25'),
        group('data-platform', 'Amazon Managed Streaming for Apache Kafka', '180'),
      ]),
    ],
  },
  // Monthly by service.
  {
    ResultsByTime: [
      period('2026-10-01', '2026-11-01', [group('finance-consulting', 'Amazon Relational Database Service', '1400'), group('', 'Amazon Simple Storage Service', '300')]),
      period('2026-11-01', '2026-11-26', [group('finance-consulting', 'Amazon Relational Database Service', '1150'), group('', 'Amazon Simple Storage Service', '250')]),
    ],
  },
  // Monthly by linked account.
  {
    ResultsByTime: [
      period('2026-11-01', '2026-11-26', [group('finance-consulting', '111111111111', '1000'), group('finance-consulting', '222222222222', '150')]),
    ],
  },
];

/** What moto lacks, as Cost Explorer answered it. */
const RECORDED: Record<string, RecordedAnswer> = {
  GetCostForecastCommand: {
    output: {
      Total: { Amount: '1750', Unit: 'USD' },
      ForecastResultsByTime: [{ MeanValue: '1750', PredictionIntervalLowerBound: '1650', PredictionIntervalUpperBound: '1900' }],
    },
  },
  GetAnomaliesCommand: {
    output: {
      Anomalies: [
        {
          AnomalyId: 'msk-storage',
          AnomalyStartDate: '2026-11-24T00:00:00Z',
          AnomalyEndDate: '2026-11-24T00:00:00Z',
          AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.9 },
          Impact: { MaxImpact: 140, TotalImpact: 140, TotalExpectedSpend: 40 },
          MonitorArn: 'arn:aws:ce::123456789012:anomalymonitor/services',
          RootCauses: [{ Service: 'Amazon Managed Streaming for Apache Kafka', LinkedAccount: '333333333333' }],
        },
      ],
    },
  },
  ListCostAllocationTagsCommand: {
    output: {
      CostAllocationTags: [
        { TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Active' },
        { TagKey: 'Project', Type: 'UserDefined', Status: 'Active' },
        { TagKey: 'ManagedBy', Type: 'UserDefined', Status: 'Inactive' },
      ],
    },
  },
};

it('reads every page of the grouped queries from moto, the rest from recorded answers, and asks nothing again the same day', async () => {
  const config = new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1'] }));
  const clients = AwsClientFactory.fromConfig(config);
  const [where] = readAwsPortalSettings(config).accountRegions;
  const queued = await fetch(`${moto().endpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    body: JSON.stringify({ account_id: where.accountId, results: CANNED }),
  });
  expect(queued.status).toBe(201);

  const sent = useRecordedAnswers(clients, RECORDED);

  const source = new AwsCostSource('UnblendedCost');
  const payer = { accountId: where.accountId, region: 'us-east-1' };
  const context = (previous: Array<StoredItem<CostCenterSnapshot>>) => ({
    clients,
    previous,
    logger: mockServices.logger.mock(),
    now: NOW,
  });
  const snapshots = await source.collect(payer, context([]));

  expect(sent.sort()).toEqual(
    [
      'GetAnomaliesCommand',
      'GetCostAndUsageCommand',
      'GetCostAndUsageCommand',
      'GetCostAndUsageCommand',
      'GetCostAndUsageCommand',
      'GetCostForecastCommand',
      'ListCostAllocationTagsCommand',
    ].sort(),
  );
  // The published read-only policy allows every call the source made.
  expect(actionsMissingFromPolicy(Object.fromEntries(sent.map(c => [`CostExplorerClient.${c}`, 1])))).toEqual([]);
  const byCenter = new Map(snapshots.map(s => [s.costCenter, s]));
  expect([...byCenter.keys()].sort()).toEqual(['', 'data-platform', 'finance-consulting']);
  const finance = byCenter.get('finance-consulting')!;
  expect(finance.daily.start).toBe('2026-08-27');
  expect(finance.daily.amounts[0]).toBe(40.5);
  expect(finance.daily.amounts[89]).toBe(49.5);
  expect(finance.monthly.start).toBe('2025-11');
  expect(finance.monthly.amounts.slice(-2)).toEqual([1400, 1150]);
  expect(finance.monthly.byAccount).toEqual({
    '111111111111': [...new Array(12).fill(0), 1000],
    '222222222222': [...new Array(12).fill(0), 150],
  });
  expect(finance.accountMonthly!.slice(-2)).toEqual([1700, 1400]);
  expect(finance.accountForecast).toEqual({ monthEnd: 1750, lower: 1650, upper: 1900 });
  expect(byCenter.get('data-platform')!.anomalies.map(a => a.id)).toEqual(['msk-storage']);
  expect(finance.anomalies).toEqual([]);
  expect(finance.allocationTags.filter(t => t.status !== 'Active')).toEqual([
    { key: 'Environment', status: 'Missing' },
    { key: 'Component', status: 'Missing' },
    { key: 'Owner', status: 'Missing' },
    { key: 'ManagedBy', status: 'Inactive' },
  ]);

  // Later the same day: every query ran today, so nothing is asked.
  sent.length = 0;
  const stored = snapshots.map(data => ({ key: `cost-center:${data.costCenter}`, ...payer, tags: {}, data, collectedAt: NOW.toISOString() }));
  const again = await source.collect(payer, { ...context(stored), now: new Date('2026-11-25T18:00:00Z') });
  expect(sent).toEqual([]);
  expect(again.find(s => s.costCenter === 'finance-consulting')!.monthly.amounts.slice(-2)).toEqual([1400, 1150]);
});
