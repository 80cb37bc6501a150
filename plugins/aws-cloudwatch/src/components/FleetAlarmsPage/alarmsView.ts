import {
  ALARM_STATES,
  type AlarmCounts,
  type AlarmRow,
  compareAlarms,
  emptyAlarmCounts,
} from '@internal/plugin-aws-cloudwatch-common';

export const ALARM_FILTER_KEYS = ['state', 'severity', 'system', 'owner', 'accountId', 'region'] as const;
export type AlarmFilterKey = (typeof ALARM_FILTER_KEYS)[number];
export type AlarmFilters = Partial<Record<AlarmFilterKey, string>>;

/** The distinct values of each filterable column, for the filter menus (states in urgency order). */
export function alarmFilterOptions(rows: AlarmRow[]): Record<AlarmFilterKey, string[]> {
  const out = {} as Record<AlarmFilterKey, string[]>;
  for (const key of ALARM_FILTER_KEYS) {
    const values = new Set<string>();
    for (const row of rows) {
      const v = row[key];
      if (v) values.add(v);
    }
    out[key] =
      key === 'state'
        ? ALARM_STATES.filter(s => values.has(s))
        : [...values].sort();
  }
  return out;
}

/** Rows that pass every chosen filter. */
export function filterAlarms<T extends AlarmRow>(rows: T[], filters: AlarmFilters): T[] {
  const active = ALARM_FILTER_KEYS.filter(k => filters[k]);
  return active.length === 0 ? rows : rows.filter(row => active.every(k => row[k] === filters[k]));
}

/** Rows whose name, reason, metric, resource or entity contains the search text (any case). */
export function searchAlarms<T extends AlarmRow>(rows: T[], search: string): T[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter(row =>
    [row.alarmName, row.reason, row.metricLabel, row.resourceLabel, row.entityRef].some(v =>
      (v ?? '').toLowerCase().includes(needle),
    ),
  );
}

/** The columns the table sorts by. */
export const ALARM_SORT_COLUMNS = ['state', 'alarm', 'since', 'severity'] as const;
export type AlarmSortColumn = (typeof ALARM_SORT_COLUMNS)[number];

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];
const severityRank = (s?: string) => {
  const i = s ? SEVERITY_ORDER.indexOf(s.toLowerCase()) : -1;
  return i === -1 ? SEVERITY_ORDER.length : i;
};

const COMPARE: Record<AlarmSortColumn, (a: AlarmRow, b: AlarmRow) => number> = {
  // Most urgent first: ALARM, then INSUFFICIENT_DATA, then OK, the longest-standing first within each.
  state: compareAlarms,
  alarm: (a, b) => a.alarmName.localeCompare(b.alarmName),
  // The longest-standing first.
  since: (a, b) => a.stateSince.localeCompare(b.stateSince) || compareAlarms(a, b),
  severity: (a, b) => severityRank(a.severity) - severityRank(b.severity) || compareAlarms(a, b),
};

/** Rows in the order of one column; descending reverses it. An unknown column keeps urgency order. */
export function sortAlarms<T extends AlarmRow>(rows: T[], sort: { column: unknown; direction: string }): T[] {
  const compare = COMPARE[sort.column as AlarmSortColumn] ?? compareAlarms;
  const sign = sort.direction === 'descending' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/** Filtered, searched and in urgency order: what the page shows before a column is sorted. */
export function viewAlarms<T extends AlarmRow>(rows: T[], filters: AlarmFilters, search: string): T[] {
  return sortAlarms(searchAlarms(filterAlarms(rows, filters), search), { column: 'state', direction: 'ascending' });
}

/** How many rows are in each state. */
export function alarmCounts(rows: AlarmRow[]): AlarmCounts {
  const counts = emptyAlarmCounts();
  for (const row of rows) counts[row.state]++;
  return counts;
}
