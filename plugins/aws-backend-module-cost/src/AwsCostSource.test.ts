/*
 * Cost Explorer through a recorded-answer double (aws-sdk-client-mock),
 * answering as Cost Explorer does: moto answers GetCostAndUsage only from a
 * queue of canned results (ignoring GroupBy) and has no forecast, anomalies
 * or cost allocation tags.
 */
import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  ListCostAllocationTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import type { CostCenterSnapshot } from '@internal/plugin-aws-cost-common';
import { AwsClientFactory, type StoredItem } from '@internal/plugin-aws-node';
import { mockServices } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCostSource } from './AwsCostSource';

const payer = { accountId: '999999999999', region: 'us-east-1' };
const NOW = new Date('2026-11-25T06:00:00Z');

const group = (center: string, value: string, amount: string) => ({
  Keys: [`CostCenter$${center}`, value],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});

function clients() {
  return new AwsClientFactory(
    { getCredentialProvider: async () => ({ sdkCredentialProvider: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) }) } as any,
    1,
  );
}

function answer(ce: ReturnType<typeof mockClient>) {
  ce.on(GetCostAndUsageCommand, { Granularity: 'DAILY', NextPageToken: undefined }).resolves({
    ResultsByTime: [
      { TimePeriod: { Start: '2026-08-27', End: '2026-08-28' }, Groups: [group('finance-consulting', 'Amazon Relational Database Service', '40.5')] },
    ],
    NextPageToken: 'daily-2',
  });
  ce.on(GetCostAndUsageCommand, { Granularity: 'DAILY', NextPageToken: 'daily-2' }).resolves({
    ResultsByTime: [
      {
        TimePeriod: { Start: '2026-11-24', End: '2026-11-25' },
        Groups: [
          group('finance-consulting', 'Amazon Relational Database Service', '49.5'),
          group('', 'Amazon Simple Storage Service', '10'),
          group('data-platform', 'Amazon Managed Streaming for Apache Kafka', '180'),
        ],
      },
    ],
  });
  ce.on(GetCostAndUsageCommand, { Granularity: 'MONTHLY' }).callsFake(input => ({
    ResultsByTime: [
      {
        TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
        Groups: [
          group('finance-consulting', input.GroupBy[1].Key === 'SERVICE' ? 'Amazon Relational Database Service' : '111111111111', '1400'),
        ],
      },
      {
        TimePeriod: { Start: '2026-11-01', End: '2026-11-26' },
        Estimated: true,
        Groups: [
          group('finance-consulting', input.GroupBy[1].Key === 'SERVICE' ? 'Amazon Relational Database Service' : '111111111111', '1150'),
        ],
      },
    ],
  }));
  ce.on(GetCostForecastCommand).resolves({
    Total: { Amount: '16800.5', Unit: 'USD' },
    ForecastResultsByTime: [{ MeanValue: '16800.5', PredictionIntervalLowerBound: '15900', PredictionIntervalUpperBound: '17600' }],
  });
  ce.on(GetAnomaliesCommand).resolves({
    Anomalies: [
      {
        AnomalyId: 'a-1',
        AnomalyStartDate: '2026-11-24T00:00:00Z',
        AnomalyEndDate: '2026-11-24T00:00:00Z',
        AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.8 },
        Impact: { MaxImpact: 140, TotalImpact: 140, TotalExpectedSpend: 40 },
        MonitorArn: 'arn:aws:ce::999999999999:anomalymonitor/m',
        RootCauses: [{ Service: 'Amazon Managed Streaming for Apache Kafka', LinkedAccount: '333333333333' }],
      },
    ],
  });
  ce.on(ListCostAllocationTagsCommand).resolves({
    CostAllocationTags: [
      { TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Active' },
      { TagKey: 'ManagedBy', Type: 'UserDefined', Status: 'Inactive' },
    ],
  });
}

afterEach(() => mockClient(CostExplorerClient).restore());

describe('AwsCostSource (recorded answers)', () => {
  it('groups every page by CostCenter, keeps the untagged spend, and attributes anomalies by service', async () => {
    const ce = mockClient(CostExplorerClient);
    answer(ce);
    const snapshots = await new AwsCostSource('UnblendedCost').collect(payer, {
      clients: clients(),
      previous: [],
      logger: mockServices.logger.mock(),
      now: NOW,
    });
    const by = Object.fromEntries(snapshots.map(s => [s.costCenter, s]));
    expect(Object.keys(by).sort()).toEqual(['', 'data-platform', 'finance-consulting']);
    const finance = by['finance-consulting'];
    expect(finance.daily.start).toBe('2026-08-27');
    expect(finance.daily.amounts).toHaveLength(90);
    expect(finance.daily.amounts[0]).toBe(40.5);
    expect(finance.daily.amounts[89]).toBe(49.5);
    expect(finance.monthly).toMatchObject({
      start: '2025-11',
      byAccount: { '111111111111': expect.any(Array) },
    });
    expect(finance.monthly.amounts.slice(-2)).toEqual([1400, 1150]);
    expect(by[''].daily.byService['Amazon Simple Storage Service'][89]).toBe(10);
    expect(by['data-platform'].anomalies.map(a => a.id)).toEqual(['a-1']);
    expect(finance.anomalies).toEqual([]);
    expect(finance.accountForecast).toEqual({ monthEnd: 16800.5, lower: 15900, upper: 17600 });
    expect(finance.allocationTags).toEqual([
      { key: 'CostCenter', status: 'Active' },
      { key: 'Project', status: 'Missing' },
      { key: 'Environment', status: 'Missing' },
      { key: 'Component', status: 'Missing' },
      { key: 'Owner', status: 'Missing' },
      { key: 'ManagedBy', status: 'Inactive' },
    ]);

    // The calls: both daily pages, two monthly queries, one of each other.
    const calls = ce.calls().map(c => c.args[0].constructor.name);
    expect(calls.filter(n => n === 'GetCostAndUsageCommand')).toHaveLength(4);
    expect(calls.filter(n => n !== 'GetCostAndUsageCommand').sort()).toEqual([
      'GetAnomaliesCommand',
      'GetCostForecastCommand',
      'ListCostAllocationTagsCommand',
    ]);
    const daily = ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input;
    expect(daily).toMatchObject({
      TimePeriod: { Start: '2026-08-27', End: '2026-11-25' },
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'TAG', Key: 'CostCenter' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
  });

  it('asks Cost Explorer nothing again the same UTC day, and everything again the next', async () => {
    const ce = mockClient(CostExplorerClient);
    answer(ce);
    const source = new AwsCostSource('UnblendedCost');
    const context = (now: Date, previous: CostCenterSnapshot[]) => ({
      clients: clients(),
      previous: previous.map(
        (data): StoredItem<CostCenterSnapshot> => ({ key: data.costCenter, ...payer, tags: {}, data, collectedAt: NOW.toISOString() }),
      ),
      logger: mockServices.logger.mock(),
      now,
    });
    const first = await source.collect(payer, context(NOW, []));
    ce.resetHistory();

    const later = await source.collect(payer, context(new Date('2026-11-25T23:00:00Z'), first));
    expect(ce.calls()).toHaveLength(0);
    expect(later).toEqual(first);

    await source.collect(payer, context(new Date('2026-11-26T01:00:00Z'), later));
    expect(ce.calls()).toHaveLength(7);
  });

  it('keeps the other queries when one fails, marks only that one with a sentence, and re-sends only it', async () => {
    const ce = mockClient(CostExplorerClient);
    answer(ce);
    // A body the SDK cannot parse: its own text must reach the log, not the page.
    const parserError = Object.assign(new Error('Unexpected token < in JSON at position 0: <html>gateway</html>'), {
      name: 'SyntaxError',
      $metadata: { requestId: 'req-1' },
    });
    ce.on(GetCostAndUsageCommand, { Granularity: 'MONTHLY', GroupBy: [{ Type: 'TAG', Key: 'CostCenter' }, { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }] }).rejects(parserError);
    const source = new AwsCostSource('UnblendedCost');
    const logger = mockServices.logger.mock();
    const stored = (snapshots: CostCenterSnapshot[]) =>
      snapshots.map((data): StoredItem<CostCenterSnapshot> => ({ key: data.costCenter, ...payer, tags: {}, data, collectedAt: NOW.toISOString() }));
    const first = await source.collect(payer, { clients: clients(), previous: [], logger, now: NOW });
    const finance = first.find(s => s.costCenter === 'finance-consulting')!;
    // What answered is there: daily and monthly by service, forecast, anomalies, tags.
    expect(finance.daily.amounts[89]).toBe(49.5);
    expect(finance.monthly.amounts.slice(-2)).toEqual([1400, 1150]);
    expect(finance.monthly.byAccount).toEqual({});
    expect(Object.keys(finance.fetched).sort()).toEqual(['allocation-tags', 'anomalies', 'daily-by-service', 'forecast', 'monthly-by-service']);
    expect(finance.queryErrors).toEqual({
      'monthly-by-account': {
        message: "Cost Explorer's answer to the monthly spend by account query could not be used (SyntaxError); it is asked again at the next collection.",
        at: NOW.toISOString(),
      },
    });
    expect(JSON.stringify(first)).not.toContain('Unexpected token');
    expect(logger.warn).toHaveBeenCalledWith(
      "Cost Explorer's monthly-by-account query failed for payer account 999999999999: SyntaxError: Unexpected token < in JSON at position 0: <html>gateway</html> (request req-1)",
    );

    // An hour later: only the failed query is sent again; now it answers.
    ce.resetHistory();
    answer(ce);
    const later = await source.collect(payer, { clients: clients(), previous: stored(first), logger, now: new Date('2026-11-25T07:00:00Z') });
    const sent = ce.commandCalls(GetCostAndUsageCommand).map(c => `${c.args[0].input.Granularity}/${c.args[0].input.GroupBy![1].Key}`);
    expect(sent).toEqual(['MONTHLY/LINKED_ACCOUNT']);
    expect(ce.calls()).toHaveLength(1);
    const fixed = later.find(s => s.costCenter === 'finance-consulting')!;
    expect(fixed.queryErrors).toBeUndefined();
    expect(fixed.monthly.byAccount['111111111111'].slice(-2)).toEqual([1400, 1150]);
    expect(fixed.daily).toEqual(finance.daily);
  });

  it('fails the collection as a whole, with a sentence, only when nothing at all is known', async () => {
    const ce = mockClient(CostExplorerClient);
    const denied = Object.assign(new Error('User: arn:aws:sts::999999999999:assumed-role/x is not authorized'), { name: 'AccessDeniedException' });
    ce.onAnyCommand().rejects(denied);
    await expect(
      new AwsCostSource('UnblendedCost').collect(payer, { clients: clients(), previous: [], logger: mockServices.logger.mock(), now: NOW }),
    ).rejects.toThrow("The portal's role may not read the daily spend by service (AccessDeniedException); see the cost plugin's IAM policy.");
  });
});
