import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  SERVICE_STATUSES,
  type FleetResponse,
  type ServiceStatus,
} from '@internal/plugin-ecs-health-common';
import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import { DataFreshness, DemoDataNotice } from '@internal/plugin-aws-react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ecsHealthApiRef } from '../../api/EcsHealthApi';
import { AlarmCount } from '../AlarmCount/AlarmCount';
import { StatusChip, statusLabel } from '../StatusChip/StatusChip';
import {
  type FilterKey,
  type Filters,
  type SortKey,
  filterOptions,
  statusCounts,
  viewRows,
} from './fleetView';

const FILTER_LABELS: Record<FilterKey, string> = {
  system: 'System',
  owner: 'Owner',
  accountId: 'Account',
  region: 'Region',
  environment: 'Environment',
  status: 'Status',
};

const ROWS_PER_PAGE = [25, 50, 100];

export function FleetHealthPage() {
  const api = useApi(ecsHealthApiRef);
  const { value, loading, error } = useAsync(() => api.getFleet(), [api]);
  const { value: alarms } = useAsync(() => api.getAlarmsSummary(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Service health"
        subtitle="Every ECS service in every watched AWS account and region"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <Fleet fleet={value} alarms={alarms?.summary.byEntity} />}
      </Content>
    </Page>
  );
}

function Fleet({ fleet, alarms }: { fleet: FleetResponse; alarms?: AlarmsSummary['byEntity'] }) {
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'status',
    direction: 'asc',
  });
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(50);

  const options = useMemo(() => filterOptions(fleet.items), [fleet]);
  const counts = useMemo(() => statusCounts(fleet.items), [fleet]);
  const rows = useMemo(
    () => viewRows(fleet.items, filters, deferredSearch, sort),
    [fleet, filters, deferredSearch, sort],
  );
  const visible = rows.slice(page * rowsPerPage, (page + 1) * rowsPerPage);

  const setFilter = (key: FilterKey, v: string) => {
    setFilters(f => ({ ...f, [key]: v || undefined }));
    setPage(0);
  };
  const sortBy = (key: SortKey) =>
    setSort(s => ({
      key,
      direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc',
    }));

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
          value={search}
          onChange={e => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
        {(Object.keys(FILTER_LABELS) as FilterKey[]).map(key => (
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
      <TableContainer component={Paper}>
        <Table size="small" aria-label="ECS services">
          <TableHead>
            <TableRow>
              <SortableHeader label="Status" k="status" sort={sort} onSort={sortBy} />
              <SortableHeader label="Service" k="serviceName" sort={sort} onSort={sortBy} />
              <SortableHeader label="System" k="system" sort={sort} onSort={sortBy} />
              <TableCell>Owner</TableCell>
              <TableCell>Account / region</TableCell>
              <SortableHeader label="Tasks" k="tasks" sort={sort} onSort={sortBy} />
              <TableCell>Alarms</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(row => (
              <TableRow key={row.serviceArn} hover>
                <TableCell>
                  <StatusChip status={row.status} />
                </TableCell>
                <TableCell>
                  {row.entityRef ? (
                    <EntityRefLink entityRef={row.entityRef} title={row.serviceName} />
                  ) : (
                    row.serviceName
                  )}
                  <Typography variant="caption" display="block" color="text.secondary">
                    {row.clusterName}
                  </Typography>
                </TableCell>
                <TableCell>{row.system ?? '—'}</TableCell>
                <TableCell>{row.owner ?? '—'}</TableCell>
                <TableCell>
                  {row.accountId}
                  <Typography variant="caption" display="block" color="text.secondary">
                    {row.region}
                  </Typography>
                </TableCell>
                <TableCell>
                  {row.runningCount}/{row.desiredCount}
                  {row.pendingCount > 0 && ` (+${row.pendingCount} pending)`}
                </TableCell>
                <TableCell>
                  <AlarmCount counts={row.entityRef ? alarms?.[row.entityRef] : undefined} known={!!alarms} />
                </TableCell>
                <TableCell sx={{ maxWidth: 420 }}>{row.reason ?? ''}</TableCell>
              </TableRow>
            ))}
            {visible.length === 0 && (
              <TableRow>
                <TableCell colSpan={8}>No service matches these filters.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
        <TablePagination
          component="div"
          count={rows.length}
          page={Math.min(page, Math.max(0, Math.ceil(rows.length / rowsPerPage) - 1))}
          onPageChange={(_, p) => setPage(p)}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={ROWS_PER_PAGE}
          onRowsPerPageChange={e => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      </TableContainer>
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

function SortableHeader(props: {
  label: string;
  k: SortKey;
  sort: { key: SortKey; direction: 'asc' | 'desc' };
  onSort: (k: SortKey) => void;
}) {
  const active = props.sort.key === props.k;
  return (
    <TableCell sortDirection={active ? props.sort.direction : false}>
      <TableSortLabel
        active={active}
        direction={active ? props.sort.direction : 'asc'}
        onClick={() => props.onSort(props.k)}
      >
        {props.label}
      </TableSortLabel>
    </TableCell>
  );
}
