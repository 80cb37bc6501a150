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

/**
 * Rows that pass every filter and contain the search text (name, reason,
 * metric, resource or entity), most urgent first: ALARM, then
 * INSUFFICIENT_DATA, then OK, the longest-standing first within each.
 */
export function viewAlarms(rows: AlarmRow[], filters: AlarmFilters, search: string): AlarmRow[] {
  const needle = search.trim().toLowerCase();
  const active = ALARM_FILTER_KEYS.filter(k => filters[k]);
  return rows
    .filter(
      row =>
        active.every(k => row[k] === filters[k]) &&
        (!needle ||
          [row.alarmName, row.reason, row.metricLabel, row.resourceLabel, row.entityRef].some(v =>
            (v ?? '').toLowerCase().includes(needle),
          )),
    )
    .sort(compareAlarms);
}

/** How many rows are in each state. */
export function alarmCounts(rows: AlarmRow[]): AlarmCounts {
  const counts = emptyAlarmCounts();
  for (const row of rows) counts[row.state]++;
  return counts;
}
