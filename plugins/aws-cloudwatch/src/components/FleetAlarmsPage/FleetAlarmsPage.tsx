import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig, Flex, useTable } from '@backstage/ui';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import { ALARM_STATES, type AlarmRow, type AlarmState } from '@internal/plugin-aws-cloudwatch-common';
import { CellCaption, DataFreshness, DemoDataNotice, FleetFilterBar, FleetPageBody, formatAge, NamedTable, StateCountCards, WrappingTextCell } from '@internal/plugin-aws-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { awsCloudWatchApiRef } from '../../api/AwsCloudWatchApi';
import { AlarmStateChip, alarmStateLabel } from '../AlarmStateChip';
import {
  ALARM_FILTER_KEYS,
  type AlarmFilterKey,
  type AlarmFilters,
  alarmCounts,
  alarmFilterOptions,
  filterAlarms,
  searchAlarms,
  sortAlarms,
} from './alarmsView';

const FILTER_LABELS: Record<AlarmFilterKey, string> = {
  state: 'State',
  severity: 'Severity',
  system: 'System',
  owner: 'Owner',
  accountId: 'Account',
  region: 'Region',
};

/** Every CloudWatch alarm of the fleet, what is firing first. */
export function FleetAlarmsPage() {
  const api = useApi(awsCloudWatchApiRef);
  const { value, loading, error } = useAsync(() => api.getFleetAlarms(), [api]);
  return (
    // The app's page layout shows the title (Alarms) in its header: the page brings its content only.
    <FleetPageBody subtitle="CloudWatch alarms in every watched AWS account and region" loading={loading} error={error}>
      {value && <FleetAlarms fleet={value} />}
    </FleetPageBody>
  );
}

type AlarmItem = AlarmRow & { id: string };

const COLUMNS: ColumnConfig<AlarmItem>[] = [
  {
    id: 'state',
    label: 'State',
    isSortable: true,
    cell: row => (
      <Cell>
        <AlarmStateChip state={row.state} />
      </Cell>
    ),
  },
  {
    id: 'alarm',
    label: 'Alarm',
    isRowHeader: true,
    isSortable: true,
    cell: row => (
      <Cell>
        <Link to={row.consoleUrl} target="_blank" rel="noopener">
          {row.alarmName}
        </Link>
        <CellCaption>{[row.metricLabel, row.resourceLabel].filter(Boolean).join(' · ')}</CellCaption>
      </Cell>
    ),
  },
  {
    id: 'since',
    label: 'Since',
    isSortable: true,
    cell: row => <CellText title={formatAge(row.stateSince)} description={row.stateSince} />,
  },
  { id: 'severity', label: 'Severity', isSortable: true, cell: row => <CellText title={row.severity ?? '—'} /> },
  {
    id: 'entity',
    label: 'Entity',
    cell: row => (
      <Cell>
        {row.entityRef ? <EntityRefLink entityRef={row.entityRef} /> : '—'}
        <CellCaption>{row.system && [row.system, row.owner].filter(Boolean).join(' · ')}</CellCaption>
      </Cell>
    ),
  },
  { id: 'where', label: 'Account / region', cell: row => <CellText title={row.accountId} description={row.region} /> },
  { id: 'reason', label: 'Reason', defaultWidth: '2fr', cell: row => <WrappingTextCell text={row.reason} /> },
];

function FleetAlarms({ fleet }: { fleet: CollectionAnswer<AlarmRow> }) {
  const items = useMemo(() => fleet.items.map(row => ({ ...row, id: row.alarmArn })), [fleet]);
  const options = useMemo(() => alarmFilterOptions(fleet.items), [fleet]);
  const counts = useMemo(() => alarmCounts(fleet.items), [fleet]);
  const { tableProps, filter, search } = useTable<AlarmItem, AlarmFilters>({
    mode: 'complete',
    data: items,
    initialFilter: {},
    filterFn: filterAlarms,
    searchFn: searchAlarms,
    initialSort: { column: 'state', direction: 'ascending' },
    sortFn: sortAlarms,
    paginationOptions: { pageSize: 50, pageSizeOptions: [25, 50, 100] },
  });
  const filters = filter.value ?? {};
  const setFilter = (key: AlarmFilterKey, v: string | undefined) => filter.onChange({ ...filters, [key]: v });

  return (
    <Flex direction="column" gap="4">
      {fleet.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={fleet.accountRegions} />
      <StateCountCards
        states={ALARM_STATES}
        counts={counts}
        selected={filters.state}
        onSelect={state => setFilter('state', state)}
        label={alarmStateLabel}
        chip={state => <AlarmStateChip state={state} />}
        perRow={3}
      />
      <FleetFilterBar
        search={search}
        searchPlaceholder="alarm, reason, metric or resource"
        keys={ALARM_FILTER_KEYS}
        labels={FILTER_LABELS}
        options={options}
        filters={filters}
        onFilterChange={setFilter}
        optionLabel={(key, v) => (key === 'state' ? alarmStateLabel(v as AlarmState) : v)}
      />
      <NamedTable label="CloudWatch alarms" columnConfig={COLUMNS} {...tableProps} emptyState="No alarm matches these filters." />
    </Flex>
  );
}
