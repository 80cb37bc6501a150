import { Progress } from '@backstage/core-components';
import { getCompoundEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Alert, Button, CellText, type ColumnConfig, Flex, Grid, Text } from '@backstage/ui';
import type { CostCenterDetail } from '@internal/plugin-aws-cost-common';
import { DataFreshness, DemoDataNotice, Figure, Hint, NamedTable, Section, TitledCard } from '@internal/plugin-aws-react';
import useAsync from 'react-use/esm/useAsync';
import { awsCostApiRef } from '../../api/AwsCostApi';
import { DailyChart, MonthlyTrendChart } from '../CostCharts';
import { CostDataAge, CostError, InactiveTagsNotice, StaleQueriesNotice, UnverifiedClaimNotice } from '../CostNotices';
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
    <Flex direction="column" gap="4">
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      <CostDataAge dataAsOf={value.items.map(d => d.dataAsOf).sort()[0]} />
      <UnverifiedClaimNotice entityRef={stringifyEntityRef(entity)} details={value.items} />
      <StaleQueriesNotice queries={value.items.flatMap(d => d.staleQueries ?? [])} />
      <InactiveTagsNotice tags={value.items[0]?.inactiveTags ?? []} />
      {value.items.length === 0 && (
        <Alert
          status="info"
          icon
          description={
            isGroup
              ? `${entity.metadata.name} owns no system or component with an aws.portal/cost-center annotation, or Cost Explorer reported no spend for their cost centers.`
              : 'Cost Explorer reported no spend for this cost center yet.'
          }
        />
      )}
      {value.items.map(d => (
        <CostCenterCard key={d.costCenter} detail={d} />
      ))}
    </Flex>
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
    <TitledCard
      data-testid={`cost-center-${name}`}
      title={`Cost center ${name}`}
      subtitle={`${d.metric} · payer account ${d.payerAccountId}`}
      actions={
        <Button variant="secondary" onPress={() => download(`cost-${name}-services.csv`, servicesCsv(d))}>
          Download CSV
        </Button>
      }
    >
      <Flex direction="column" gap="4">
        <Grid.Root columns={{ initial: '2', md: '4' }} gap="4">
          {[
            ['Month to date', formatMoney(d.monthToDate, d.currency)],
            ['Last month', formatMoney(d.lastMonth, d.currency)],
            [
              'Forecast month end',
              `${formatMoney(d.forecastMonthEnd, d.currency)}${pct === undefined ? '' : ` (${pct > 0 ? '+' : ''}${pct.toFixed(1)} %)`}`,
            ],
            ['Anomalies (90 days)', String(d.anomalies.length)],
          ].map(([label, v]) => (
            <Figure key={label} label={label} value={v} testId={`${name}-${label}`} />
          ))}
        </Grid.Root>
        <Hint>Forecast: {forecastBasisText(d.forecastBasis)}.</Hint>
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
          <Section title="Last 13 months">
            <MonthlyTrendChart keys={trend.keys} points={trend.points} currency={d.currency} label={`Monthly spend of ${name}`} height={220} />
          </Section>
          <Section title="Last 90 days">
            <DailyChart series={d.daily} currency={d.currency} label={`Daily spend of ${name}`} height={220} />
          </Section>
        </Grid.Root>
        <Section title="Services">
          <NamedTable label={`Services of ${name}`} columnConfig={serviceColumns(d.currency)} data={services} />
        </Section>
        {accounts.length > 0 && (
          <Text as="p" variant="body-medium">
            Accounts this month: {accounts.map(a => `${a.accountId} (${formatMoney(a.now, d.currency)})`).join(', ')}
          </Text>
        )}
        {d.anomalies.map(a => (
          <Alert
            status="warning"
            icon
            key={a.id}
            description={`Anomaly from ${a.start}${a.end ? ` to ${a.end}` : ' (ongoing)'}: ${a.service ?? 'an unknown service'}${a.accountId ? ` in ${a.accountId}` : ''} spent ${formatMoney(a.impact, d.currency, 2)} above what was expected${a.expected !== undefined ? ` (${formatMoney(a.expected, d.currency, 2)})` : ''}.`}
          />
        ))}
      </Flex>
    </TitledCard>
  );
}
