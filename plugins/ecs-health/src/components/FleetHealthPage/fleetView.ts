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

/** Rows that pass every chosen filter. */
export function filterFleet<T extends FleetServiceRow>(rows: T[], filters: Filters): T[] {
  const active = FILTER_KEYS.filter(k => filters[k]);
  return active.length === 0 ? rows : rows.filter(row => active.every(k => row[k] === filters[k]));
}

/** Rows whose service, cluster or reason contains the search text (any case). */
export function searchFleet<T extends FleetServiceRow>(rows: T[], search: string): T[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter(row =>
    [row.serviceName, row.clusterName, row.reason].some(v => (v ?? '').toLowerCase().includes(needle)),
  );
}

const COMPARE: Record<SortKey, (a: FleetServiceRow, b: FleetServiceRow) => number> = {
  status: (a, b) => SEVERITY[a.status] - SEVERITY[b.status],
  serviceName: (a, b) => a.serviceName.localeCompare(b.serviceName),
  system: (a, b) => (a.system ?? '\uffff').localeCompare(b.system ?? '\uffff'),
  // The largest shortfall of running against desired tasks first.
  tasks: (a, b) => a.runningCount - a.desiredCount - (b.runningCount - b.desiredCount),
};

/** Rows in the order of one column (the table's sort descriptor), the service name breaking ties. */
export function sortFleet<T extends FleetServiceRow>(rows: T[], sort: { column: unknown; direction: string }): T[] {
  const compare = COMPARE[sort.column as SortKey] ?? COMPARE.serviceName;
  const sign = sort.direction === 'descending' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b) || a.serviceName.localeCompare(b.serviceName));
}

/** Filtered, searched and sorted: the rows the table shows. */
export function viewRows<T extends FleetServiceRow>(
  rows: T[],
  filters: Filters,
  search: string,
  sort: { column: SortKey; direction: 'ascending' | 'descending' },
): T[] {
  return sortFleet(searchFleet(filterFleet(rows, filters), search), sort);
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
