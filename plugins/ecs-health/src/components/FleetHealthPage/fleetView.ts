import {
  SERVICE_STATUSES,
  type FleetServiceRow,
  type ServiceStatus,
} from '@internal/plugin-ecs-health-common';

export const FILTER_KEYS = [
  'system',
  'owner',
  'accountId',
  'region',
  'environment',
  'status',
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;
export type SortKey = 'status' | 'serviceName' | 'system' | 'tasks';

const SEVERITY: Record<ServiceStatus, number> = Object.fromEntries(
  SERVICE_STATUSES.map((s, i) => [s, i]),
) as Record<ServiceStatus, number>;

/** The distinct values of each filterable column, for the filter menus. */
export function filterOptions(rows: FleetServiceRow[]): Record<FilterKey, string[]> {
  const out = {} as Record<FilterKey, string[]>;
  for (const key of FILTER_KEYS) {
    const values = new Set<string>();
    for (const row of rows) {
      const v = row[key];
      if (v) values.add(v);
    }
    out[key] = [...values].sort();
  }
  return out;
}

/** Rows that pass every filter and contain the search text, sorted. */
export function viewRows(
  rows: FleetServiceRow[],
  filters: Filters,
  search: string,
  sort: { key: SortKey; direction: 'asc' | 'desc' },
): FleetServiceRow[] {
  const needle = search.trim().toLowerCase();
  const active = FILTER_KEYS.filter(k => filters[k]);
  const kept = rows.filter(
    row =>
      active.every(k => row[k] === filters[k]) &&
      (!needle ||
        row.serviceName.toLowerCase().includes(needle) ||
        row.clusterName.toLowerCase().includes(needle) ||
        (row.reason ?? '').toLowerCase().includes(needle)),
  );
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: FleetServiceRow, b: FleetServiceRow): number => {
    switch (sort.key) {
      case 'status':
        return SEVERITY[a.status] - SEVERITY[b.status];
      case 'system':
        return (a.system ?? '\uffff').localeCompare(b.system ?? '\uffff');
      case 'tasks':
        return a.runningCount - a.desiredCount - (b.runningCount - b.desiredCount);
      default:
        return a.serviceName.localeCompare(b.serviceName);
    }
  };
  return kept.sort(
    (a, b) => sign * compare(a, b) || a.serviceName.localeCompare(b.serviceName),
  );
}

/** How many rows have each status. */
export function statusCounts(rows: FleetServiceRow[]): Record<ServiceStatus, number> {
  const counts = Object.fromEntries(SERVICE_STATUSES.map(s => [s, 0])) as Record<
    ServiceStatus,
    number
  >;
  for (const row of rows) counts[row.status]++;
  return counts;
}
