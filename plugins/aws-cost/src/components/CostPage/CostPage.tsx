import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import { DataFreshness, DemoDataNotice } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { awsCostApiRef } from '../../api/AwsCostApi';
import { DailyChart, MonthlyTrendChart } from '../CostCharts';
import { CostDataAge, CostError, InactiveTagsNotice } from '../CostNotices';
import {
  anomaliesOf,
  centerName,
  changeAgainstLastMonth,
  costCentersCsv,
  costTotals,
  download,
  forecastBasisText,
  formatMoney,
  monthlyTrend,
} from '../costView';
import { UntaggedResources } from './UntaggedResources';

/** Spend by CostCenter tag: what each spends, its trend, the month's forecast, untagged spend and anomalies. */
export function CostPage() {
  const api = useApi(awsCostApiRef);
  const { value, loading, error } = useAsync(() => api.getCostCenters(), [api]);
  return (
    <Page themeId="tool">
      <Header title="Cost" subtitle="Spend by CostCenter tag, from Cost Explorer in the payer account" />
      <Content>
        {loading && <Progress />}
        {error && <CostError error={error} />}
        {value && <CostCenters answer={value} />}
      </Content>
    </Page>
  );
}

function Figure(props: { label: string; value: string; hint?: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" component="h2" color="text.secondary">
          {props.label}
        </Typography>
        <Typography variant="h4" component="p" data-testid={`figure-${props.label}`}>
          {props.value}
        </Typography>
        {props.hint && (
          <Typography variant="body2" color="text.secondary">
            {props.hint}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

function Change({ pct }: { pct?: number }) {
  if (pct === undefined) return <>–</>;
  const up = pct > 0;
  return (
    <Typography component="span" variant="body2" color={up ? 'warning.main' : 'success.main'}>
      {up ? '+' : ''}
      {pct.toFixed(1)} %
    </Typography>
  );
}

function CostCenters({ answer }: { answer: CollectionAnswer<CostCenterRow> }) {
  const rows = answer.items;
  const [selected, setSelected] = useState<string | undefined>(rows[0]?.costCenter);
  const totals = useMemo(() => costTotals(rows), [rows]);
  const trend = useMemo(() => monthlyTrend(rows), [rows]);
  const anomalies = useMemo(() => anomaliesOf(rows), [rows]);
  const current = rows.find(r => r.costCenter === selected);
  const { currency } = totals;
  const dataAsOf = rows.map(r => r.dataAsOf).filter(Boolean).sort()[0];

  return (
    <>
      {answer.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={answer.accountRegions} />
      <CostDataAge dataAsOf={dataAsOf} />
      <InactiveTagsNotice tags={rows[0]?.inactiveTags ?? []} />
      {rows.length === 0 && (
        <Alert severity="info">Cost Explorer has reported no spend yet; the first collection runs shortly after the backend starts.</Alert>
      )}
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid item xs={12} sm={6} md={3}>
          <Figure label="Month to date" value={formatMoney(totals.monthToDate, currency)} hint={`${rows.length} cost centers you may read`} />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Figure label="Last month" value={formatMoney(totals.lastMonth, currency)} />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Forecast month end"
            value={formatMoney(totals.forecastMonthEnd, currency)}
            hint="Each cost center's share of Cost Explorer's forecast"
          />
        </Grid>
        {totals.untagged && (
          <Grid item xs={12} sm={6} md={3}>
            <Figure
              label="Untagged"
              value={`${(totals.untagged.share * 100).toFixed(1)} %`}
              hint={`${formatMoney(totals.untagged.monthToDate, currency)} this month has no CostCenter tag`}
            />
          </Grid>
        )}
      </Grid>
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardHeader title="Trend" subheader="The last 13 months by cost center; this month so far" />
        <CardContent>
          <MonthlyTrendChart keys={trend.keys} points={trend.points} currency={currency} label="Monthly spend by cost center" />
        </CardContent>
      </Card>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Cost centers
        </Typography>
        <Button variant="outlined" onClick={() => download('cost-by-cost-center.csv', costCentersCsv(rows))}>
          Download CSV
        </Button>
      </Box>
      <TableContainer component={Paper} sx={{ mb: 2 }}>
        <Table size="small" aria-label="Cost centers">
          <TableHead>
            <TableRow>
              <TableCell>Cost center</TableCell>
              <TableCell>Entities</TableCell>
              <TableCell align="right">Month to date</TableCell>
              <TableCell align="right">Last month</TableCell>
              <TableCell align="right">Forecast</TableCell>
              <TableCell align="right">vs last month</TableCell>
              <TableCell>Top service this month</TableCell>
              <TableCell align="right">Anomalies</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(r => (
              <TableRow
                key={r.costCenter}
                hover
                selected={r.costCenter === selected}
                onClick={() => setSelected(r.costCenter)}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell>
                  <strong>{centerName(r.costCenter)}</strong>
                </TableCell>
                <TableCell onClick={e => e.stopPropagation()}>
                  {r.entityRefs.slice(0, 3).map(ref => (
                    <Box key={ref}>
                      <EntityRefLink entityRef={ref} />
                    </Box>
                  ))}
                  {r.entityRefs.length > 3 && `and ${r.entityRefs.length - 3} more`}
                  {r.untagged && 'Resources without a CostCenter tag'}
                </TableCell>
                <TableCell align="right">{formatMoney(r.monthToDate, r.currency)}</TableCell>
                <TableCell align="right">{formatMoney(r.lastMonth, r.currency)}</TableCell>
                <TableCell align="right">{formatMoney(r.forecastMonthEnd, r.currency)}</TableCell>
                <TableCell align="right">
                  <Change pct={changeAgainstLastMonth(r)} />
                </TableCell>
                <TableCell>
                  {r.topServices[0] ? `${r.topServices[0].service} (${formatMoney(r.topServices[0].amount, r.currency)}${r.topServicesMonth === 'last' ? ', last month' : ''})` : '–'}
                </TableCell>
                <TableCell align="right">{r.anomalies.length || '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {current && (
        <Card variant="outlined" sx={{ mb: 2 }} data-testid={`cost-center-${centerName(current.costCenter)}`}>
          <CardHeader
            title={centerName(current.costCenter)}
            subheader={`${formatMoney(current.monthToDate, current.currency)} this month · forecast ${formatMoney(current.forecastMonthEnd, current.currency)} (${forecastBasisText(current.forecastBasis, true)})`}
          />
          <CardContent>
            <DailyChart series={current.daily} currency={current.currency} label={`Daily spend of ${centerName(current.costCenter)}`} />
            <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
              {current.topServicesMonth === 'last' ? 'Top services last month (this month has no whole day yet)' : 'Top services this month'}
            </Typography>
            <Table size="small" aria-label={`Top services of ${centerName(current.costCenter)}`}>
              <TableBody>
                {current.topServices.map(s => (
                  <TableRow key={s.service}>
                    <TableCell>{s.service}</TableCell>
                    <TableCell align="right">{formatMoney(s.amount, current.currency, 2)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {current.untaggedResources && <UntaggedResources groups={current.untaggedResources} />}
          </CardContent>
        </Card>
      )}
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        Anomalies (90 days)
      </Typography>
      {anomalies.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Cost Explorer detected no anomaly in what you may read.
        </Typography>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label="Cost anomalies">
            <TableHead>
              <TableRow>
                <TableCell>From</TableCell>
                <TableCell>To</TableCell>
                <TableCell>Service</TableCell>
                <TableCell>Account</TableCell>
                <TableCell>Cost centers</TableCell>
                <TableCell align="right">Above expected</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {anomalies.map(a => (
                <TableRow key={a.id}>
                  <TableCell>{a.start}</TableCell>
                  <TableCell>{a.end ?? 'ongoing'}</TableCell>
                  <TableCell>{a.service ?? 'unknown'}</TableCell>
                  <TableCell>{a.accountId ?? '–'}</TableCell>
                  <TableCell>{a.costCenters.join(', ')}</TableCell>
                  <TableCell align="right">{formatMoney(a.impact, currency, 2)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
