import { Content, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig, useTable } from '@backstage/ui';
import {
  SERVICE_STATUSES,
  type FleetResponse,
  type FleetServiceRow,
  type ServiceStatus,
} from '@internal/plugin-ecs-health-common';
import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import { CellCaption, DataFreshness, DemoDataNotice, NamedTable, WrappingTextCell } from '@internal/plugin-aws-react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
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
    <Content>
      <Typography variant="body1" color="text.secondary" sx={{ mb: 2 }}>
        Every ECS service in every watched AWS account and region
      </Typography>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <Fleet fleet={value} alarms={alarms?.summary.byEntity} />}
    </Content>
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
    { id: 'reason', label: 'Why', cell: row => <WrappingTextCell text={row.reason ?? ''} /> },
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
  const setFilter = (key: FilterKey, v: string) => filter.onChange({ ...filters, [key]: v || undefined });

  return (
    <>
      {fleet.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={fleet.accountRegions} />
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {SERVICE_STATUSES.map(status => (
          <Grid item xs={6} md={3} key={status}>
            <SummaryCard
              status={status}
              count={counts[status]}
              selected={filters.status === status}
              onClick={() =>
                setFilter('status', filters.status === status ? '' : status)
              }
            />
          </Grid>
        ))}
      </Grid>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
        <TextField
          size="small"
          label="Search"
          placeholder="service, cluster or reason"
          value={search.value}
          onChange={e => search.onChange(e.target.value)}
        />
        {FILTER_KEYS.map(key => (
          <TextField
            key={key}
            select
            size="small"
            label={FILTER_LABELS[key]}
            value={filters[key] ?? ''}
            onChange={e => setFilter(key, e.target.value)}
            sx={{ minWidth: 150 }}
            SelectProps={{ inputProps: { 'data-testid': `filter-${key}` } }}
          >
            <MenuItem value="">All</MenuItem>
            {options[key].map(v => (
              <MenuItem key={v} value={v}>
                {key === 'status' ? statusLabel(v as ServiceStatus) : v}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      <NamedTable label="ECS services" columnConfig={columnConfig} {...tableProps} emptyState="No service matches these filters." />
    </>
  );
}

function SummaryCard(props: {
  status: ServiceStatus;
  count: number;
  selected: boolean;
  onClick: () => void;
}) {
  return (
    <Card variant="outlined" sx={props.selected ? { borderColor: 'primary.main', borderWidth: 2 } : undefined}>
      <CardActionArea onClick={props.onClick} aria-label={`${statusLabel(props.status)}: ${props.count}`}>
        <CardContent>
          <Typography variant="h4" component="p">
            {props.count}
          </Typography>
          <StatusChip status={props.status} />
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
