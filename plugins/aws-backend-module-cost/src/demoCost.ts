import type { CostCenterSnapshot, CostMetric } from '@internal/plugin-aws-cost-common';
import { DAILY_DAYS, MONTHS, PLATFORM_TAGS } from './AwsCostSource';
import { addDays, addMonths, day, daysInMonth } from './dates';

/** Monthly spend (USD) by service of the seed systems' cost centers, today's level. */
const DEMO_SPEND: Record<string, Record<string, number>> = {
  'finance-consulting': {
    'Amazon Elastic Container Service': 620,
    'Amazon Relational Database Service': 1480,
    'Amazon ElastiCache': 690,
    'Elastic Load Balancing': 95,
    'Amazon CloudWatch': 70,
  },
  'apexai-product': {
    'Amazon Elastic Container Service': 210,
    'Amazon Relational Database Service': 160,
    'Amazon ElastiCache': 75,
    'Amazon Elastic Container Registry': 12,
    'AWS Secrets Manager': 6,
  },
  'whatif-product': {
    'Amazon Elastic Container Service': 540,
    'Amazon Relational Database Service': 380,
    'Amazon DynamoDB': 140,
    'Amazon ElastiCache': 150,
  },
  'crm-modular': {
    'Amazon Elastic Container Service': 180,
    'Amazon Relational Database Service': 720,
    'Amazon ElastiCache': 410,
  },
  'data-platform': {
    'Amazon Managed Streaming for Apache Kafka': 1260,
    'Amazon Elastic Container Service': 390,
    'Amazon Relational Database Service': 1640,
    'Amazon ElastiCache': 330,
  },
  // Untagged: resources without a CostCenter tag (the What-If cache, alarms, buckets, functions).
  '': {
    'Amazon ElastiCache': 95,
    'Amazon Simple Storage Service': 310,
    'AWS Lambda': 85,
    'Amazon CloudWatch': 120,
  },
};

const ACCOUNT: Record<string, string> = {
  'finance-consulting': '111111111111',
  'crm-modular': '111111111111',
  'apexai-product': '222222222222',
  'whatif-product': '222222222222',
  'data-platform': '333333333333',
  '': '111111111111',
};

/** The MSK broker storage anomaly of the analytics platform, five days ago. */
const ANOMALY = {
  center: 'data-platform',
  service: 'Amazon Managed Streaming for Apache Kafka',
  daysAgo: 5,
  days: 3,
  extraPerDay: 140,
};

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * The demo account's spend by CostCenter: the five seed systems' cost
 * centers and some untagged spend, growing a few percent a month, with an
 * anomaly on the analytics platform's Kafka; every platform tag active
 * except ManagedBy, so the page shows how to activate one.
 */
export function demoCost(payerAccountId: string, metric: CostMetric, now: Date): CostCenterSnapshot[] {
  const today = day(now);
  const dailyStart = addDays(today, -DAILY_DAYS);
  const thisMonth = today.slice(0, 7);
  const monthStart = addMonths(thisMonth, -(MONTHS - 1));
  const at = now.toISOString();
  const anomalyStart = addDays(today, -ANOMALY.daysAgo);
  const snapshots = Object.entries(DEMO_SPEND).map(([center, services], c): CostCenterSnapshot => {
    // Grows 2–5 % a month; a little weekly rhythm in the daily figures.
    const growth = 1 + (2 + (c % 4)) / 100;
    const level = (service: string, monthsAgo: number) => services[service] * growth ** -monthsAgo;
    const byServiceDaily: Record<string, number[]> = {};
    const byServiceMonthly: Record<string, number[]> = {};
    for (const service of Object.keys(services)) {
      byServiceDaily[service] = Array.from({ length: DAILY_DAYS }, (_, i) => {
        const date = addDays(dailyStart, i);
        const monthsAgo = (DAILY_DAYS - i) / 30;
        let v = (level(service, monthsAgo) / 30) * (1 + 0.06 * Math.sin(i / 1.1 + c));
        const sinceAnomaly = Math.round((Date.parse(date) - Date.parse(anomalyStart)) / 86_400_000);
        if (center === ANOMALY.center && service === ANOMALY.service && sinceAnomaly >= 0 && sinceAnomaly < ANOMALY.days) {
          v += ANOMALY.extraPerDay;
        }
        return round(v);
      });
      byServiceMonthly[service] = Array.from({ length: MONTHS }, (_, i) => {
        const month = addMonths(monthStart, i);
        const full = level(service, MONTHS - 1 - i);
        // This month so far: the days elapsed.
        return round(month === thisMonth ? (full * (now.getUTCDate() - 1)) / daysInMonth(month) : full);
      });
    }
    const total = (rows: Record<string, number[]>, n: number) =>
      Array.from({ length: n }, (_, i) => round(Object.values(rows).reduce((s, a) => s + a[i], 0)));
    const monthlyAmounts = total(byServiceMonthly, MONTHS);
    const anomalies =
      center === ANOMALY.center
        ? [
            {
              id: 'demo-anomaly-msk-storage',
              start: anomalyStart,
              end: addDays(anomalyStart, ANOMALY.days - 1),
              service: ANOMALY.service,
              accountId: ACCOUNT[center],
              impact: ANOMALY.extraPerDay * ANOMALY.days,
              expected: round((services[ANOMALY.service] / 30) * ANOMALY.days),
            },
          ]
        : [];
    return {
      costCenter: center,
      payerAccountId,
      metric,
      currency: 'USD',
      daily: { start: dailyStart, amounts: total(byServiceDaily, DAILY_DAYS), byService: byServiceDaily },
      monthly: {
        start: monthStart,
        amounts: monthlyAmounts,
        byService: byServiceMonthly,
        byAccount: { [ACCOUNT[center]]: monthlyAmounts },
      },
      anomalies,
      allocationTags: PLATFORM_TAGS.map(key => ({ key, status: key === 'ManagedBy' ? 'Inactive' : 'Active' })),
      fetched: {
        'daily-by-service': at,
        'monthly-by-service': at,
        'monthly-by-account': at,
        forecast: at,
        anomalies: at,
        'allocation-tags': at,
      },
    };
  });
  // The payer's month: every cost center's spend; the forecast a little
  // above the run rate, as Cost Explorer's is when spend grows.
  const accountMonthly = Array.from({ length: MONTHS }, (_, i) =>
    round(snapshots.reduce((sum, s) => sum + s.monthly.amounts[i], 0)),
  );
  // On the 1st no whole day of the month has passed: Cost Explorer forecasts from last month then.
  const wholeDays = now.getUTCDate() - 1;
  const runRate =
    wholeDays === 0
      ? (accountMonthly[MONTHS - 2] / daysInMonth(addMonths(thisMonth, -1))) * daysInMonth(thisMonth)
      : (accountMonthly[MONTHS - 1] / wholeDays) * daysInMonth(thisMonth);
  const lastDay = addDays(today, 1).endsWith('-01');
  const accountForecast = lastDay
    ? undefined
    : { monthEnd: round(runRate * 1.02), lower: round(runRate * 0.97), upper: round(runRate * 1.08) };
  return snapshots.map(s => ({ ...s, accountMonthly, accountForecast }));
}
