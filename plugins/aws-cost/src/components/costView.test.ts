import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import { anomaliesOf, costCentersCsv, costTotals, kindsText, monthlyTrend, periodOf } from './costView';

const row = (costCenter: string, monthly: number[], extra: Partial<CostCenterRow> = {}): CostCenterRow => ({
  costCenter,
  untagged: costCenter === '',
  currency: 'USD',
  monthToDate: monthly.at(-1)!,
  lastMonth: monthly.at(-2)!,
  runRateMonthEnd: monthly.at(-1)! * 2,
  forecastMonthEnd: monthly.at(-1)! * 2,
  forecastBasis: 'cost-explorer',
  monthly: { start: '2025-12', amounts: monthly },
  daily: { start: '2026-08-27', amounts: [] },
  topServices: [],
  topServicesMonth: 'this',
  anomalies: [],
  inactiveTags: [],
  entityRefs: [],
  unverifiedEntityRefs: [],
  staleQueries: [],
  dataAsOf: '2026-11-25T06:00:00Z',
  ...extra,
});

describe('cost view', () => {
  it('adds up what is shown, and the untagged share only when the untagged row is there', () => {
    const rows = [row('a', [100, 50]), row('', [40, 25]), row('b', [10, 25])];
    expect(costTotals(rows)).toEqual({
      currency: 'USD',
      monthToDate: 100,
      lastMonth: 150,
      forecastMonthEnd: 200,
      untagged: { monthToDate: 25, share: 0.25 },
    });
    expect(costTotals([rows[0]]).untagged).toBeUndefined();
  });

  it('charts the largest cost centers by last month and the rest as Other', () => {
    const rows = [row('small', [1, 1]), row('big', [9, 9]), row('mid', [5, 5])];
    const { keys, points } = monthlyTrend(rows, 2);
    expect(keys).toEqual(['big', 'mid', 'Other']);
    expect(points).toEqual([
      { month: '2025-12', big: 9, mid: 5, Other: 1 },
      { month: '2026-01', big: 9, mid: 5, Other: 1 },
    ]);
  });

  it('says how many resources of each kind, most first', () => {
    expect(kindsText({ 'RDS DB instance': 1, 'CloudWatch alarm': 3, 'ElastiCache node': 1 })).toBe(
      '3 CloudWatch alarms, 1 ElastiCache node, 1 RDS DB instance',
    );
    expect(kindsText({})).toBe('');
  });

  it('names months and days across a year end', () => {
    expect(periodOf({ start: '2025-12', amounts: [] }, 1)).toBe('2026-01');
    expect(periodOf({ start: '2025-12-31', amounts: [] }, 1)).toBe('2026-01-01');
  });

  it('lists an anomaly shared by two cost centers once, with both', () => {
    const anomaly = { id: 'x', start: '2026-11-20', service: 'Amazon MSK', impact: 420 };
    const rows = [row('a', [1, 1], { anomalies: [anomaly] }), row('b', [1, 1], { anomalies: [anomaly] })];
    expect(anomaliesOf(rows)).toEqual([{ ...anomaly, costCenters: ['a', 'b'] }]);
  });

  it('exports CSV with the months as columns, defusing what a spreadsheet would run as a formula', () => {
    const csv = costCentersCsv([row('=cmd', [1.5, 2], { entityRefs: ['component:default/x', 'system:default/y'] })]);
    expect(csv.split('\r\n')).toEqual([
      'cost_center,currency,month_to_date,last_month,forecast_month_end,forecast_basis,anomalies,entities,2025-12,2026-01',
      "'=cmd,USD,2,1.5,4,cost-explorer,0,component:default/x system:default/y,1.5,2",
      '',
    ]);
  });
});
