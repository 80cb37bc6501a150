import { costFigures } from './costCollector';
import { demoCost } from './demoCost';

/*
 * The demo account's snapshots, read on three days: the figures of a month's
 * first day (UTC), when Cost Explorer has no whole day of it yet, lean on last
 * month instead of reading 0.
 */
const figuresOn = (iso: string) => {
  const now = new Date(iso);
  const crm = demoCost('999999999999', 'UnblendedCost', now).find(s => s.costCenter === 'finance-consulting')!;
  return { crm, figures: costFigures(crm, now) };
};

it('on the 1st: no month-to-date yet, the forecast from last month’s rate and share, last month’s top services', () => {
  const { crm, figures } = figuresOn('2026-12-01T09:00:00Z');
  expect(figures.monthToDate).toBe(0);
  expect(figures.lastMonth).toBe(crm.monthly.amounts.at(-2));
  // Last month's daily rate (30 days of November) over December's 31 days.
  expect(figures.runRateMonthEnd).toBeCloseTo((figures.lastMonth / 30) * 31, 1);
  expect(figures.forecastBasis).toBe('cost-explorer');
  expect(figures.forecastMonthEnd).toBeGreaterThan(figures.lastMonth);
  expect(figures.topServicesMonth).toBe('last');
  expect(figures.topServices.map(t => t.service)).toContain('Amazon Relational Database Service');
});

it('later in the month: month to date, its run rate and this month’s top services', () => {
  const { figures } = figuresOn('2026-12-11T09:00:00Z');
  expect(figures.monthToDate).toBeGreaterThan(0);
  expect(figures.runRateMonthEnd).toBeCloseTo((figures.monthToDate / 10) * 31, 1);
  expect(figures.forecastBasis).toBe('cost-explorer');
  expect(figures.topServicesMonth).toBe('this');
  expect(figures.topServices.length).toBeGreaterThan(0);
});

it('on the last day: no Cost Explorer forecast, the run rate', () => {
  const { figures } = figuresOn('2026-11-30T09:00:00Z');
  expect(figures.forecastBasis).toBe('run-rate');
  expect(figures.forecastMonthEnd).toBe(figures.runRateMonthEnd);
});
