import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig } from '@backstage/ui';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import { DataFreshness, DemoDataNotice, NamedTable } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
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
    // The app's page layout shows the title (Cost) in its header: the page brings its content only.
    <Content>
      <Typography variant="body1" color="text.secondary" sx={{ mb: 2 }}>
        Spend by CostCenter tag, from Cost Explorer in the payer account
      </Typography>
      {loading && <Progress />}
      {error && <CostError error={error} />}
      {value && <CostCenters answer={value} />}
    </Content>
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

type CenterItem = CostCenterRow & { id: string };
const UNTAGGED_ID = '(untagged)';
const money = (amount: number, currency: string, digits?: number) => (
  <CellText title={formatMoney(amount, currency, digits)} />
);

const CENTER_COLUMNS: ColumnConfig<CenterItem>[] = [
  { id: 'center', label: 'Cost center', isRowHeader: true, cell: r => <CellText title={centerName(r.costCenter)} /> },
  {
    id: 'entities',
    label: 'Entities',
    cell: r => (
      <Cell>
        {r.entityRefs.slice(0, 3).map(ref => (
          <Box key={ref}>
            <EntityRefLink entityRef={ref} />
          </Box>
        ))}
        {r.entityRefs.length > 3 && `and ${r.entityRefs.length - 3} more`}
        {r.untagged && 'Resources without a CostCenter tag'}
      </Cell>
    ),
  },
  { id: 'monthToDate', label: 'Month to date', cell: r => money(r.monthToDate, r.currency) },
  { id: 'lastMonth', label: 'Last month', cell: r => money(r.lastMonth, r.currency) },
  { id: 'forecast', label: 'Forecast', cell: r => money(r.forecastMonthEnd, r.currency) },
  {
    id: 'change',
    label: 'vs last month',
    cell: r => (
      <Cell>
        <Change pct={changeAgainstLastMonth(r)} />
      </Cell>
    ),
  },
  {
    id: 'topService',
    label: 'Top service this month',
    cell: r => (
      <CellText
        title={
          r.topServices[0]
            ? `${r.topServices[0].service} (${formatMoney(r.topServices[0].amount, r.currency)}${r.topServicesMonth === 'last' ? ', last month' : ''})`
            : '–'
        }
      />
    ),
  },
  { id: 'anomalies', label: 'Anomalies', cell: r => <CellText title={String(r.anomalies.length || '–')} /> },
];

const serviceColumns = (currency: string): ColumnConfig<{ id: string; service: string; amount: number }>[] => [
  { id: 'service', label: 'Service', isRowHeader: true, cell: s => <CellText title={s.service} /> },
  { id: 'amount', label: 'Spend', cell: s => money(s.amount, currency, 2) },
];

const anomalyColumns = (currency: string): ColumnConfig<ReturnType<typeof anomaliesOf>[number]>[] => [
  { id: 'start', label: 'From', cell: a => <CellText title={a.start} /> },
  { id: 'end', label: 'To', cell: a => <CellText title={a.end ?? 'ongoing'} /> },
  { id: 'service', label: 'Service', isRowHeader: true, cell: a => <CellText title={a.service ?? 'unknown'} /> },
  { id: 'account', label: 'Account', cell: a => <CellText title={a.accountId ?? '–'} /> },
  { id: 'centers', label: 'Cost centers', cell: a => <CellText title={a.costCenters.join(', ')} /> },
  { id: 'impact', label: 'Above expected', cell: a => money(a.impact, currency, 2) },
];

function CostCenters({ answer }: { answer: CollectionAnswer<CostCenterRow> }) {
  const rows = answer.items;
  // The untagged row's cost center is empty; a table row needs a non-empty id.
  const centers = useMemo(() => rows.map(r => ({ ...r, id: r.costCenter || UNTAGGED_ID })), [rows]);
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
      <Box sx={{ mb: 2 }}>
        <NamedTable
          label="Cost centers"
          columnConfig={CENTER_COLUMNS}
          data={centers}
          selection={{
            mode: 'single',
            behavior: 'replace',
            selected: selected !== undefined ? new Set([selected || UNTAGGED_ID]) : new Set(),
            onSelectionChange: keys => {
              if (keys === 'all' || keys.size === 0) return;
              const id = String([...keys][0]);
              setSelected(id === UNTAGGED_ID ? '' : id);
            },
          }}
        />
      </Box>
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
            <NamedTable
              label={`Top services of ${centerName(current.costCenter)}`}
              columnConfig={serviceColumns(current.currency)}
              data={current.topServices.map(t => ({ ...t, id: t.service }))}
            />
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
        <NamedTable label="Cost anomalies" columnConfig={anomalyColumns(currency)} data={anomalies} />
      )}
    </>
  );
}
