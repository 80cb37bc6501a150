import { Content, Header, Link, Page, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import { ALARM_STATES, type AlarmRow, type AlarmState } from '@internal/plugin-aws-cloudwatch-common';
import { DataFreshness, DemoDataNotice, formatAge } from '@internal/plugin-aws-react';
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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { awsCloudWatchApiRef } from '../../api/AwsCloudWatchApi';
import { AlarmStateChip, alarmStateLabel } from '../AlarmStateChip';
import {
  ALARM_FILTER_KEYS,
  type AlarmFilterKey,
  type AlarmFilters,
  alarmCounts,
  alarmFilterOptions,
  viewAlarms,
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
    <Page themeId="tool">
      <Header title="Alarms" subtitle="CloudWatch alarms in every watched AWS account and region" />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <FleetAlarms fleet={value} />}
      </Content>
    </Page>
  );
}

function FleetAlarms({ fleet }: { fleet: CollectionAnswer<AlarmRow> }) {
  const [filters, setFilters] = useState<AlarmFilters>({});
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(50);
  const options = useMemo(() => alarmFilterOptions(fleet.items), [fleet]);
  const counts = useMemo(() => alarmCounts(fleet.items), [fleet]);
  const rows = useMemo(
    () => viewAlarms(fleet.items, filters, deferredSearch),
    [fleet, filters, deferredSearch],
  );
  const visible = rows.slice(page * rowsPerPage, (page + 1) * rowsPerPage);
  const setFilter = (key: AlarmFilterKey, v: string) => {
    setFilters(f => ({ ...f, [key]: v || undefined }));
    setPage(0);
  };

  return (
    <>
      {fleet.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={fleet.accountRegions} />
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {ALARM_STATES.map(state => (
          <Grid item xs={12} sm={4} key={state}>
            <Card
              variant="outlined"
              sx={filters.state === state ? { borderColor: 'primary.main', borderWidth: 2 } : undefined}
            >
              <CardActionArea
                aria-label={`${alarmStateLabel(state)}: ${counts[state]}`}
                onClick={() => setFilter('state', filters.state === state ? '' : state)}
              >
                <CardContent>
                  <Typography variant="h4" component="p">
                    {counts[state]}
                  </Typography>
                  <AlarmStateChip state={state} />
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
        <TextField
          size="small"
          label="Search"
          placeholder="alarm, reason, metric or resource"
          value={search}
          onChange={e => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
        {ALARM_FILTER_KEYS.map(key => (
          <TextField
            key={key}
            select
            size="small"
            label={FILTER_LABELS[key]}
            value={filters[key] ?? ''}
            onChange={e => setFilter(key, e.target.value)}
            sx={{ minWidth: 140 }}
            SelectProps={{ inputProps: { 'data-testid': `filter-${key}` } }}
          >
            <MenuItem value="">All</MenuItem>
            {options[key].map(v => (
              <MenuItem key={v} value={v}>
                {key === 'state' ? alarmStateLabel(v as AlarmState) : v}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      <TableContainer component={Paper}>
        <Table size="small" aria-label="CloudWatch alarms">
          <TableHead>
            <TableRow>
              <TableCell>State</TableCell>
              <TableCell>Alarm</TableCell>
              <TableCell>Since</TableCell>
              <TableCell>Severity</TableCell>
              <TableCell>Entity</TableCell>
              <TableCell>Account / region</TableCell>
              <TableCell>Reason</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(row => (
              <TableRow key={row.alarmArn} hover>
                <TableCell>
                  <AlarmStateChip state={row.state} />
                </TableCell>
                <TableCell>
                  <Link to={row.consoleUrl} target="_blank" rel="noopener">
                    {row.alarmName}
                  </Link>
                  <Typography variant="caption" display="block" color="text.secondary">
                    {[row.metricLabel, row.resourceLabel].filter(Boolean).join(' · ')}
                  </Typography>
                </TableCell>
                <TableCell title={row.stateSince}>{formatAge(row.stateSince)}</TableCell>
                <TableCell>{row.severity ?? '—'}</TableCell>
                <TableCell>
                  {row.entityRef ? <EntityRefLink entityRef={row.entityRef} /> : '—'}
                  {row.system && (
                    <Typography variant="caption" display="block" color="text.secondary">
                      {row.system}
                      {row.owner ? ` · ${row.owner}` : ''}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {row.accountId}
                  <Typography variant="caption" display="block" color="text.secondary">
                    {row.region}
                  </Typography>
                </TableCell>
                <TableCell sx={{ maxWidth: 420 }}>{row.reason}</TableCell>
              </TableRow>
            ))}
            {visible.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>No alarm matches these filters.</TableCell>
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
          rowsPerPageOptions={[25, 50, 100]}
          onRowsPerPageChange={e => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      </TableContainer>
    </>
  );
}
