import { Progress } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CellText, type ColumnConfig } from '@backstage/ui';
import type { CostCenterDetail } from '@internal/plugin-aws-cost-common';
import { DataFreshness, DemoDataNotice, NamedTable } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { awsCostApiRef } from '../../api/AwsCostApi';
import { DailyChart, MonthlyTrendChart } from '../CostCharts';
import { CostDataAge, CostError, InactiveTagsNotice } from '../CostNotices';
import { centerName, changeAgainstLastMonth, download, forecastBasisText, formatMoney, periodOf, servicesCsv } from '../costView';

/** The cost of a system or component (its `aws.portal/cost-center`), or of what a group owns. */
export function EntityCostContent() {
  const { entity } = useEntity();
  const api = useApi(awsCostApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(() => api.getEntityCost(ref), [api, ref.kind, ref.namespace, ref.name]);
  if (loading) return <Progress />;
  if (error) return <CostError error={error} />;
  if (!value) return null;
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  return (
    <Box>
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      <CostDataAge dataAsOf={value.items.map(d => d.dataAsOf).sort()[0]} />
      <InactiveTagsNotice tags={value.items[0]?.inactiveTags ?? []} />
      {value.items.length === 0 && (
        <Alert severity="info">
          {isGroup
            ? `${entity.metadata.name} owns no system or component with an aws.portal/cost-center annotation, or Cost Explorer reported no spend for their cost centers.`
            : 'Cost Explorer reported no spend for this cost center yet.'}
        </Alert>
      )}
      {value.items.map(d => (
        <CostCenterCard key={d.costCenter} detail={d} />
      ))}
    </Box>
  );
}

type ServiceSpend = { id: string; service: string; now: number; before: number };

const serviceColumns = (currency: string): ColumnConfig<ServiceSpend>[] => [
  { id: 'service', label: 'Service', isRowHeader: true, cell: s => <CellText title={s.service} /> },
  { id: 'now', label: 'This month', cell: s => <CellText title={formatMoney(s.now, currency, 2)} /> },
  { id: 'before', label: 'Last month', cell: s => <CellText title={formatMoney(s.before, currency, 2)} /> },
];

function CostCenterCard({ detail: d }: { detail: CostCenterDetail }) {
  const name = centerName(d.costCenter);
  const last = d.monthly.amounts.length - 1;
  const services = Object.entries(d.monthly.byService)
    .map(([service, amounts]) => ({ id: service, service, now: amounts[last] ?? 0, before: amounts[last - 1] ?? 0 }))
    .filter(s => s.now > 0 || s.before > 0)
    .sort((a, b) => b.now - a.now);
  const accounts = Object.entries(d.monthly.byAccount)
    .map(([accountId, amounts]) => ({ accountId, now: amounts[last] ?? 0 }))
    .sort((a, b) => b.now - a.now);
  const trend = {
    keys: [name],
    points: d.monthly.amounts.map((v, i) => ({ month: periodOf(d.monthly, i), [name]: v })),
  };
  const pct = changeAgainstLastMonth(d);
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={`cost-center-${name}`}>
      <CardHeader
        title={`Cost center ${name}`}
        subheader={`${d.metric} · payer account ${d.payerAccountId}`}
        action={
          <Button variant="outlined" onClick={() => download(`cost-${name}-services.csv`, servicesCsv(d))}>
            Download CSV
          </Button>
        }
      />
      <CardContent>
        <Grid container spacing={2} sx={{ mb: 2 }}>
          {[
            ['Month to date', formatMoney(d.monthToDate, d.currency)],
            ['Last month', formatMoney(d.lastMonth, d.currency)],
            [
              'Forecast month end',
              `${formatMoney(d.forecastMonthEnd, d.currency)}${pct === undefined ? '' : ` (${pct > 0 ? '+' : ''}${pct.toFixed(1)} %)`}`,
            ],
            ['Anomalies (90 days)', String(d.anomalies.length)],
          ].map(([label, v]) => (
            <Grid item xs={6} md={3} key={label}>
              <Typography variant="overline" component="h3" color="text.secondary">
                {label}
              </Typography>
              <Typography variant="h5" component="p" data-testid={`${name}-${label}`}>
                {v}
              </Typography>
            </Grid>
          ))}
        </Grid>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Forecast: {forecastBasisText(d.forecastBasis)}.
        </Typography>
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" component="h3">Last 13 months</Typography>
            <MonthlyTrendChart keys={trend.keys} points={trend.points} currency={d.currency} label={`Monthly spend of ${name}`} height={220} />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" component="h3">Last 90 days</Typography>
            <DailyChart series={d.daily} currency={d.currency} label={`Daily spend of ${name}`} height={220} />
          </Grid>
        </Grid>
        <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>Services</Typography>
        <NamedTable label={`Services of ${name}`} columnConfig={serviceColumns(d.currency)} data={services} />
        {accounts.length > 0 && (
          <Typography variant="body2" sx={{ mt: 2 }}>
            Accounts this month: {accounts.map(a => `${a.accountId} (${formatMoney(a.now, d.currency)})`).join(', ')}
          </Typography>
        )}
        {d.anomalies.map(a => (
          <Alert severity="warning" key={a.id} sx={{ mt: 2 }}>
            Anomaly from {a.start}
            {a.end ? ` to ${a.end}` : ' (ongoing)'}: {a.service ?? 'an unknown service'}
            {a.accountId ? ` in ${a.accountId}` : ''} spent {formatMoney(a.impact, d.currency, 2)} above what was expected
            {a.expected !== undefined ? ` (${formatMoney(a.expected, d.currency, 2)})` : ''}.
          </Alert>
        ))}
      </CardContent>
    </Card>
  );
}
