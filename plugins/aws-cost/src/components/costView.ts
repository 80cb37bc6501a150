import type { CostAnomaly, CostCenterDetail, CostCenterRow, CostSeries } from '@internal/plugin-aws-cost-common';

/** How the untagged spend (the empty CostCenter) is named on the pages. */
export const UNTAGGED = 'Untagged';

export const centerName = (costCenter: string) => costCenter || UNTAGGED;

export function formatMoney(amount: number, currency = 'USD', digits = 0): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** The period `i` of a series: a month `YYYY-MM` or a day `YYYY-MM-DD`. */
export function periodOf(series: CostSeries, i: number): string {
  if (series.start.length === 7) {
    const [y, m] = series.start.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  }
  const d = new Date(`${series.start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + i);
  return d.toISOString().slice(0, 10);
}

/** The change of the forecast against last month, in percent; undefined without last month. */
/** How the forecast was made, in words. */
export function forecastBasisText(basis: CostCenterRow['forecastBasis'], short = false) {
  if (basis === 'cost-explorer') return short ? "share of Cost Explorer's forecast" : "this cost center's share of Cost Explorer's forecast for the payer account";
  if (basis === 'last-month-rate') return short ? "last month's daily rate" : "last month's daily rate (no whole day of this month has passed yet)";
  return short ? 'run rate' : 'the run rate of the month so far';
}

export function changeAgainstLastMonth(row: Pick<CostCenterRow, 'forecastMonthEnd' | 'lastMonth'>) {
  if (!row.lastMonth) return undefined;
  return ((row.forecastMonthEnd - row.lastMonth) / row.lastMonth) * 100;
}

export interface CostTotals {
  currency: string;
  monthToDate: number;
  lastMonth: number;
  forecastMonthEnd: number;
  /** Only when the untagged spend is among the rows (it is readable by finance). */
  untagged?: { monthToDate: number; share: number };
}

export function costTotals(rows: CostCenterRow[]): CostTotals {
  const sum = (f: (r: CostCenterRow) => number) => Math.round(rows.reduce((s, r) => s + f(r), 0) * 100) / 100;
  const monthToDate = sum(r => r.monthToDate);
  const untagged = rows.find(r => r.untagged);
  return {
    currency: rows[0]?.currency ?? 'USD',
    monthToDate,
    lastMonth: sum(r => r.lastMonth),
    forecastMonthEnd: sum(r => r.forecastMonthEnd),
    untagged: untagged && {
      monthToDate: untagged.monthToDate,
      share: monthToDate > 0 ? untagged.monthToDate / monthToDate : 0,
    },
  };
}

/**
 * The monthly trend of the largest cost centers (by last month) and the
 * rest as "Other": one point per month, one key per cost center.
 */
export function monthlyTrend(rows: CostCenterRow[], top = 6) {
  const ranked = [...rows].sort((a, b) => b.lastMonth - a.lastMonth);
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top);
  const keys = [...shown.map(r => centerName(r.costCenter)), ...(rest.length ? ['Other'] : [])];
  const longest = rows.reduce<CostSeries | undefined>(
    (a, r) => (!a || r.monthly.amounts.length > a.amounts.length ? r.monthly : a),
    undefined,
  );
  const points = (longest?.amounts ?? []).map((_, i) => {
    const point: Record<string, number | string> = { month: periodOf(longest!, i) };
    for (const r of shown) point[centerName(r.costCenter)] = r.monthly.amounts[i] ?? 0;
    if (rest.length) {
      point.Other = Math.round(rest.reduce((s, r) => s + (r.monthly.amounts[i] ?? 0), 0) * 100) / 100;
    }
    return point;
  });
  return { keys, points };
}

/** Every anomaly of the rows once, the largest impact first, with its cost centers. */
export function anomaliesOf(rows: CostCenterRow[]): Array<CostAnomaly & { costCenters: string[] }> {
  const byId = new Map<string, CostAnomaly & { costCenters: string[] }>();
  for (const r of rows) {
    for (const a of r.anomalies) {
      const known = byId.get(a.id) ?? { ...a, costCenters: [] };
      known.costCenters.push(centerName(r.costCenter));
      byId.set(a.id, known);
    }
  }
  return [...byId.values()].sort((a, b) => b.impact - a.impact);
}

/** One CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(v: string | number): string {
  const s = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], lines: Array<Array<string | number>>): string {
  return `${[header, ...lines].map(l => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The Cost page as CSV: one line per cost center, its figures and its 13 months. */
export function costCentersCsv(rows: CostCenterRow[]): string {
  const longest = rows.reduce<CostSeries | undefined>(
    (a, r) => (!a || r.monthly.amounts.length > a.amounts.length ? r.monthly : a),
    undefined,
  );
  const months = (longest?.amounts ?? []).map((_, i) => periodOf(longest!, i));
  return toCsv(
    ['cost_center', 'currency', 'month_to_date', 'last_month', 'forecast_month_end', 'forecast_basis', 'anomalies', 'entities', ...months],
    rows.map(r => [
      centerName(r.costCenter),
      r.currency,
      r.monthToDate,
      r.lastMonth,
      r.forecastMonthEnd,
      r.forecastBasis,
      r.anomalies.length,
      r.entityRefs.join(' '),
      ...months.map((_, i) => r.monthly.amounts[i] ?? 0),
    ]),
  );
}

/** A cost center's services by month as CSV. */
export function servicesCsv(detail: CostCenterDetail): string {
  const months = detail.monthly.amounts.map((_, i) => periodOf(detail.monthly, i));
  return toCsv(
    ['cost_center', 'service', 'currency', ...months],
    Object.entries(detail.monthly.byService)
      .sort(([, a], [, b]) => (b.at(-1) ?? 0) - (a.at(-1) ?? 0))
      .map(([service, amounts]) => [centerName(detail.costCenter), service, detail.currency, ...amounts]),
  );
}

/** Offers text as a file download. */
export function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `{ 'CloudWatch alarm': 2, 'RDS DB instance': 1 }` → `2 CloudWatch alarms, 1 RDS DB instance`, most first. */
export function kindsText(kinds: Record<string, number>): string {
  return Object.entries(kinds)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
}
