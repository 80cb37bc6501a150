import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  ListCostAllocationTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type {
  AllocationTagStatus,
  CostAnomaly,
  CostCenterSnapshot,
  CostMetric,
  CostQueryError,
  CostQueryId,
} from '@internal/plugin-aws-cost-common';
import type { CollectContext } from '@internal/plugin-aws-node';
import { addDays, addMonths, day, daysBetween } from './dates';

/** The tags the platform puts on every resource; the page says which are not active for cost allocation. */
export const PLATFORM_TAGS = ['CostCenter', 'Project', 'Environment', 'Component', 'Owner', 'ManagedBy'];
export const DAILY_DAYS = 90;
export const MONTHS = 13;

const FORECAST_METRIC: Record<CostMetric, 'UNBLENDED_COST' | 'AMORTIZED_COST' | 'NET_AMORTIZED_COST'> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
};

/** `CostCenter$finance-consulting` → `finance-consulting`; `CostCenter$` → `` (untagged). */
function tagValue(key: string): string {
  const i = key.indexOf('$');
  return i < 0 ? key : key.slice(i + 1);
}

const round = (v: number) => Math.round(v * 100) / 100;

/** What each query is, in the words of the Cost page. */
const QUERY_LABEL: Record<CostQueryId, string> = {
  'daily-by-service': 'daily spend by service',
  'monthly-by-service': 'monthly spend by service',
  'monthly-by-account': 'monthly spend by account',
  forecast: 'month-end forecast',
  anomalies: 'cost anomalies',
  'allocation-tags': 'cost allocation tags',
};

type Grid = Map<string, Map<string, number[]>>; // cost center → group value → amounts per period

interface QueryData {
  daily?: { start: string; grid: Grid; currency?: string };
  monthlyService?: { start: string; grid: Grid; currency?: string };
  monthlyAccount?: { start: string; grid: Grid };
  forecast?: CostCenterSnapshot['accountForecast'] | null;
  anomalies?: CostAnomaly[];
  allocationTags?: AllocationTagStatus[];
}

/**
 * Spend by CostCenter tag from Cost Explorer in the payer account. Each
 * query (daily by service for 90 days, monthly by service and by linked
 * account for 13 months, the month-end forecast, anomalies, the cost
 * allocation tags) runs at most once per UTC day: Cost Explorer's data
 * changes about three times a day and each request costs USD 0.01. What ran
 * earlier today is taken from the previous snapshots.
 */
export class AwsCostSource {
  constructor(private readonly metric: CostMetric) {}

  async collect(
    payer: AccountRegion,
    context: CollectContext<CostCenterSnapshot>,
  ): Promise<CostCenterSnapshot[]> {
    const today = day(context.now);
    const previous = context.previous.map(p => p.data);
    const due = (q: CostQueryId) =>
      !previous.some(p => p.metric === this.metric && p.fetched[q]?.slice(0, 10) === today);
    const ce = await context.clients.create(CostExplorerClient, { accountId: payer.accountId, region: 'us-east-1' });
    const now = context.now.toISOString();
    const fetched: Partial<Record<CostQueryId, string>> = {};
    const failed: Partial<Record<CostQueryId, CostQueryError>> = {};
    const data: QueryData = {};

    const dailyStart = addDays(today, -DAILY_DAYS);
    const monthStart = `${addMonths(today.slice(0, 7), -(MONTHS - 1))}-01`;
    // Each query stands alone: one that fails keeps its last answer (and
    // says so), the others are stored, and those that succeeded are not sent
    // again today. The SDK's own text goes to the log only.
    const run = async <K extends keyof QueryData>(q: CostQueryId, key: K, read: () => Promise<QueryData[K]>) => {
      if (!due(q) && previous.length > 0) return;
      try {
        data[key] = await read();
        fetched[q] = now;
      } catch (error) {
        context.logger.warn(`Cost Explorer's ${q} query failed for payer account ${payer.accountId}: ${describe(error)}`);
        failed[q] = { message: costQuerySentence(q, error), at: now };
      }
    };
    // The three GetCostAndUsage queries one after the other (Cost Explorer
    // allows few requests a second); the small ones beside them.
    const usage = async () => {
      await run('daily-by-service', 'daily', async () => ({
        start: dailyStart,
        ...(await this.grid(ce, { Start: dailyStart, End: today }, 'DAILY', 'SERVICE', DAILY_DAYS)),
      }));
      await run('monthly-by-service', 'monthlyService', async () => ({
        start: monthStart.slice(0, 7),
        ...(await this.grid(ce, { Start: monthStart, End: addDays(today, 1) }, 'MONTHLY', 'SERVICE', MONTHS)),
      }));
      await run('monthly-by-account', 'monthlyAccount', async () => ({
        start: monthStart.slice(0, 7),
        ...(await this.grid(ce, { Start: monthStart, End: addDays(today, 1) }, 'MONTHLY', 'LINKED_ACCOUNT', MONTHS)),
      }));
    };
    await Promise.all([
      usage(),
      run('forecast', 'forecast', () => this.forecast(ce, today)),
      run('anomalies', 'anomalies', () => this.anomalies(ce, dailyStart, today)),
      run('allocation-tags', 'allocationTags', () => this.allocationTags(ce)),
    ]);
    if (Object.keys(fetched).length === 0 && previous.length === 0 && Object.keys(failed).length > 0) {
      // Nothing known at all: the part fails as a whole, with the first query's reason.
      const first = (Object.keys(QUERY_LABEL) as CostQueryId[]).find(q => failed[q])!;
      throw new Error(failed[first]!.message);
    }
    return this.snapshots(payer.accountId, data, previous, fetched, failed);
  }

  /** Every page of one GetCostAndUsage, grouped by CostCenter and one dimension. */
  private async grid(
    ce: CostExplorerClient,
    period: { Start: string; End: string },
    granularity: 'DAILY' | 'MONTHLY',
    dimension: 'SERVICE' | 'LINKED_ACCOUNT',
    periods: number,
  ): Promise<{ grid: Grid; currency?: string }> {
    const grid: Grid = new Map();
    let currency: string | undefined;
    const input: GetCostAndUsageCommandInput = {
      TimePeriod: period,
      Granularity: granularity,
      Metrics: [this.metric],
      GroupBy: [
        { Type: 'TAG', Key: 'CostCenter' },
        { Type: 'DIMENSION', Key: dimension },
      ],
    };
    const first = granularity === 'DAILY' ? period.Start : period.Start.slice(0, 7);
    let token: string | undefined;
    do {
      const page = await ce.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
      for (const result of page.ResultsByTime ?? []) {
        const start = result.TimePeriod?.Start ?? '';
        const index =
          granularity === 'DAILY'
            ? daysBetween(first, start)
            : monthIndex(first, start.slice(0, 7));
        if (index < 0 || index >= periods) continue;
        for (const group of result.Groups ?? []) {
          const [tag, value] = group.Keys ?? [];
          const amount = group.Metrics?.[this.metric];
          if (tag === undefined || value === undefined || !amount?.Amount) continue;
          currency ??= amount.Unit;
          const center = tagValue(tag);
          const row = grid.get(center) ?? new Map<string, number[]>();
          grid.set(center, row);
          const amounts = row.get(value) ?? new Array(periods).fill(0);
          row.set(value, amounts);
          amounts[index] += Number(amount.Amount);
        }
      }
      token = page.NextPageToken;
    } while (token);
    return { grid, currency };
  }

  private async forecast(ce: CostExplorerClient, today: string) {
    const end = `${addMonths(today.slice(0, 7), 1)}-01`;
    if (end === addDays(today, 1)) return null; // the last day: nothing left to forecast
    const out = await ce.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: today, End: end },
        Metric: FORECAST_METRIC[this.metric],
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: 80,
      }),
    );
    const r = out.ForecastResultsByTime?.[0];
    return {
      monthEnd: Number(out.Total?.Amount ?? 0),
      lower: r?.PredictionIntervalLowerBound ? Number(r.PredictionIntervalLowerBound) : undefined,
      upper: r?.PredictionIntervalUpperBound ? Number(r.PredictionIntervalUpperBound) : undefined,
    };
  }

  private async anomalies(ce: CostExplorerClient, start: string, end: string): Promise<CostAnomaly[]> {
    const found: CostAnomaly[] = [];
    let token: string | undefined;
    do {
      const page = await ce.send(
        new GetAnomaliesCommand({ DateInterval: { StartDate: start, EndDate: end }, NextPageToken: token }),
      );
      for (const a of page.Anomalies ?? []) {
        const cause = a.RootCauses?.[0];
        found.push({
          id: a.AnomalyId ?? '',
          start: a.AnomalyStartDate?.slice(0, 10) ?? start,
          end: a.AnomalyEndDate?.slice(0, 10),
          service: cause?.Service,
          accountId: cause?.LinkedAccount,
          impact: a.Impact?.TotalImpact ?? a.Impact?.MaxImpact ?? 0,
          expected: a.Impact?.TotalExpectedSpend,
        });
      }
      token = page.NextPageToken;
    } while (token);
    return found;
  }

  private async allocationTags(ce: CostExplorerClient): Promise<AllocationTagStatus[]> {
    const out = await ce.send(new ListCostAllocationTagsCommand({ TagKeys: PLATFORM_TAGS, Type: 'UserDefined' }));
    return PLATFORM_TAGS.map(key => {
      const tag = out.CostAllocationTags?.find(t => t.TagKey === key);
      return { key, status: tag?.Status ?? 'Missing' };
    });
  }

  /** One snapshot per cost center, today's answers merged with those of earlier today. */
  private snapshots(
    payerAccountId: string,
    data: QueryData,
    previous: CostCenterSnapshot[],
    fetched: Partial<Record<CostQueryId, string>>,
    failed: Partial<Record<CostQueryId, CostQueryError>>,
  ): CostCenterSnapshot[] {
    const before = new Map(previous.filter(p => p.metric === this.metric).map(p => [p.costCenter, p]));
    const centers = new Set<string>([
      ...(data.daily ? data.daily.grid.keys() : []),
      ...(data.monthlyService ? data.monthlyService.grid.keys() : []),
      ...(data.monthlyAccount ? data.monthlyAccount.grid.keys() : []),
      ...before.keys(),
    ]);
    const sum = (rows: Iterable<number[]> | undefined, n: number) => {
      const total = new Array(n).fill(0);
      for (const amounts of rows ?? []) amounts.forEach((v, i) => (total[i] += v));
      return total.map(round);
    };
    const record = (rows: Map<string, number[]> | undefined) =>
      Object.fromEntries([...(rows ?? new Map<string, number[]>())].map(([k, v]) => [k, v.map(round)]));
    const previousAny = previous[0];
    // Each snapshot holds only its own anomalies: the account's are their union.
    const knownAnomalies = [...new Map(previous.flatMap(p => p.anomalies).map(a => [a.id, a])).values()];
    // The payer's whole spend by month: every cost center's, the untagged included.
    const accountMonthly = data.monthlyService
      ? sum([...data.monthlyService.grid.values()].flatMap(rows => [...rows.values()]), MONTHS)
      : previousAny?.accountMonthly;
    return [...centers].map(costCenter => {
      const old = before.get(costCenter);
      const daily = data.daily
        ? {
            start: data.daily.start,
            amounts: sum(data.daily.grid.get(costCenter)?.values(), DAILY_DAYS),
            byService: record(data.daily.grid.get(costCenter)),
          }
        : old?.daily ?? { start: '', amounts: [], byService: {} };
      const monthlyStart = data.monthlyService?.start ?? data.monthlyAccount?.start ?? old?.monthly.start ?? '';
      const monthly = {
        start: monthlyStart,
        amounts: data.monthlyService
          ? sum(data.monthlyService.grid.get(costCenter)?.values(), MONTHS)
          : old?.monthly.amounts ?? [],
        byService: data.monthlyService
          ? record(data.monthlyService.grid.get(costCenter))
          : old?.monthly.byService ?? {},
        byAccount: data.monthlyAccount
          ? record(data.monthlyAccount.grid.get(costCenter))
          : old?.monthly.byAccount ?? {},
      };
      const anomalies = (data.anomalies ?? knownAnomalies).filter(a =>
        spentOnDuring(daily, a),
      );
      return {
        costCenter,
        payerAccountId,
        metric: this.metric,
        currency: data.daily?.currency ?? data.monthlyService?.currency ?? old?.currency ?? 'USD',
        daily,
        monthly,
        accountMonthly,
        accountForecast:
          data.forecast === undefined ? previousAny?.accountForecast : data.forecast ?? undefined,
        anomalies,
        allocationTags: data.allocationTags ?? previousAny?.allocationTags ?? [],
        fetched: { ...(previousAny?.fetched ?? {}), ...fetched },
        ...(Object.keys(failed).length > 0 ? { queryErrors: failed } : {}),
      };
    });
  }
}

/** The error as the log should keep it: its name, message and AWS request id. */
function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { requestId?: string } };
  const id = e?.$metadata?.requestId ? ` (request ${e.$metadata.requestId})` : '';
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}${id}`;
}

/**
 * A sentence for the page about a failed query: what failed and what
 * happens next, never the SDK's own text (it may be a parser's message
 * about a body nobody should read).
 */
export function costQuerySentence(q: CostQueryId, error: unknown): string {
  const name = (error as { name?: string })?.name ?? '';
  const what = `the ${QUERY_LABEL[q]}`;
  if (/Throttling|LimitExceeded|TooManyRequests/.test(name)) {
    return `Cost Explorer throttled ${what} query after every retry; it is asked again at the next collection.`;
  }
  if (name === 'DataUnavailableException') {
    return `Cost Explorer has no data for ${what} yet; it is asked again at the next collection.`;
  }
  if (/AccessDenied|UnauthorizedOperation|UnrecognizedClient|ExpiredToken/.test(name)) {
    return `The portal's role may not read ${what} (${name}); see the cost plugin's IAM policy.`;
  }
  return `Cost Explorer's answer to ${what} query could not be used (${name || 'an unknown error'}); it is asked again at the next collection.`;
}

function monthIndex(first: string, month: string): number {
  const [y0, m0] = first.split('-').map(Number);
  const [y, m] = month.split('-').map(Number);
  return (y - y0) * 12 + (m - m0);
}

/** Whether the cost center spent on the anomaly's service in its window. */
function spentOnDuring(daily: CostCenterSnapshot['daily'], a: CostAnomaly): boolean {
  if (!a.service) return false;
  const amounts = daily.byService[a.service];
  if (!amounts || !daily.start) return false;
  const from = Math.max(0, daysBetween(daily.start, a.start));
  const to = Math.min(amounts.length - 1, daysBetween(daily.start, a.end ?? a.start));
  for (let i = from; i <= to; i++) if (amounts[i] > 0) return true;
  return false;
}
