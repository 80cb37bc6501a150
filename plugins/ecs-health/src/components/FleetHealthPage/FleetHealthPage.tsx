import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig, Flex, useTable } from '@backstage/ui';
import {
  SERVICE_STATUSES,
  type FleetResponse,
  type FleetServiceRow,
  type ServiceStatus,
} from '@internal/plugin-ecs-health-common';
import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import { CellCaption, DataFreshness, DemoDataNotice, FleetFilterBar, FleetPageBody, NamedTable, StateCountCards, WrappingTextCell } from '@internal/plugin-aws-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ecsHealthApiRef } from '../../api/EcsHealthApi';
import { AlarmCount } from '../AlarmCount/AlarmCount';
import { StatusChip, statusLabel } from '../StatusChip/StatusChip';
import {
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  filterFleet,
  filterOptions,
  searchFleet,
  sortFleet,
  statusCounts,
} from './fleetView';

const FILTER_LABELS: Record<FilterKey, string> = {
  system: 'System',
  owner: 'Owner',
  accountId: 'Account',
  region: 'Region',
  environment: 'Environment',
  status: 'Status',
};

export function FleetHealthPage() {
  const api = useApi(ecsHealthApiRef);
  const { value, loading, error } = useAsync(() => api.getFleet(), [api]);
  const { value: alarms } = useAsync(() => api.getAlarmsSummary(), [api]);
  return (
    // The app's page layout shows the title (Service health) in its header: the page brings its content only.
    <FleetPageBody subtitle="Every ECS service in every watched AWS account and region" loading={loading} error={error}>
      {value && <Fleet fleet={value} alarms={alarms?.summary.byEntity} />}
    </FleetPageBody>
  );
}

type ServiceItem = FleetServiceRow & { id: string };

function columns(alarms?: AlarmsSummary['byEntity']): ColumnConfig<ServiceItem>[] {
  return [
    {
      id: 'status',
      label: 'Status',
      isSortable: true,
      cell: row => (
        <Cell>
          <StatusChip status={row.status} />
        </Cell>
      ),
    },
    {
      id: 'serviceName',
      label: 'Service',
      isRowHeader: true,
      isSortable: true,
      cell: row => (
        <Cell>
          {row.entityRef ? <EntityRefLink entityRef={row.entityRef} title={row.serviceName} /> : row.serviceName}
          <CellCaption>{row.clusterName}</CellCaption>
        </Cell>
      ),
    },
    { id: 'system', label: 'System', isSortable: true, cell: row => <CellText title={row.system ?? '—'} /> },
    { id: 'owner', label: 'Owner', cell: row => <CellText title={row.owner ?? '—'} /> },
    { id: 'where', label: 'Account / region', cell: row => <CellText title={row.accountId} description={row.region} /> },
    {
      id: 'tasks',
      label: 'Tasks',
      isSortable: true,
      cell: row => (
        <CellText
          title={`${row.runningCount}/${row.desiredCount}${row.pendingCount > 0 ? ` (+${row.pendingCount} pending)` : ''}`}
        />
      ),
    },
    {
      id: 'alarms',
      label: 'Alarms',
      cell: row => (
        <Cell>
          <AlarmCount counts={row.entityRef ? alarms?.[row.entityRef] : undefined} known={!!alarms} />
        </Cell>
      ),
    },
    { id: 'reason', label: 'Why', defaultWidth: '2fr', cell: row => <WrappingTextCell text={row.reason ?? ''} /> },
  ];
}

function Fleet({ fleet, alarms }: { fleet: FleetResponse; alarms?: AlarmsSummary['byEntity'] }) {
  const items = useMemo(() => fleet.items.map(row => ({ ...row, id: row.serviceArn })), [fleet]);
  const options = useMemo(() => filterOptions(fleet.items), [fleet]);
  const counts = useMemo(() => statusCounts(fleet.items), [fleet]);
  const columnConfig = useMemo(() => columns(alarms), [alarms]);
  const { tableProps, filter, search } = useTable<ServiceItem, Filters>({
    mode: 'complete',
    data: items,
    initialFilter: {},
    filterFn: filterFleet,
    searchFn: searchFleet,
    initialSort: { column: 'status', direction: 'ascending' },
    sortFn: sortFleet,
    paginationOptions: { pageSize: 50, pageSizeOptions: [25, 50, 100] },
  });
  const filters = filter.value ?? {};
  const setFilter = (key: FilterKey, v: string | undefined) => filter.onChange({ ...filters, [key]: v });

  return (
    <Flex direction="column" gap="4">
      {fleet.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={fleet.accountRegions} />
      <StateCountCards
        states={SERVICE_STATUSES}
        counts={counts}
        selected={filters.status}
        onSelect={status => setFilter('status', status)}
        label={statusLabel}
        chip={status => <StatusChip status={status} />}
        perRow={4}
      />
      <FleetFilterBar
        search={search}
        searchPlaceholder="service, cluster or reason"
        keys={FILTER_KEYS}
        labels={FILTER_LABELS}
        options={options}
        filters={filters}
        onFilterChange={setFilter}
        optionLabel={(key, v) => (key === 'status' ? statusLabel(v as ServiceStatus) : v)}
      />
      <NamedTable label="ECS services" columnConfig={columnConfig} {...tableProps} emptyState="No service matches these filters." />
    </Flex>
  );
}
