import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Alert, Button, Card, CardBody, Cell, CellText, type ColumnConfig, Flex, Grid, Text } from '@backstage/ui';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import { DataFreshness, DemoDataNotice, Figure, FleetPageBody, Hint, NamedTable, Section, TitledCard } from '@internal/plugin-aws-react';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { awsCostApiRef } from '../../api/AwsCostApi';
import { DailyChart, MonthlyTrendChart } from '../CostCharts';
import { CostDataAge, CostError, InactiveTagsNotice, StaleQueriesNotice } from '../CostNotices';
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
    <FleetPageBody
      subtitle="Spend by CostCenter tag, from Cost Explorer in the payer account"
      loading={loading}
      error={error}
      renderError={e => <CostError error={e} />}
    >
      {value && <CostCenters answer={value} />}
    </FleetPageBody>
  );
}

function Change({ pct }: { pct?: number }) {
  if (pct === undefined) return <>–</>;
  const up = pct > 0;
  return (
    <Text variant="body-medium" color={up ? 'warning' : 'success'}>
      {up ? '+' : ''}
      {pct.toFixed(1)} %
    </Text>
  );
}

type CenterItem = CostCenterRow & { id: string };

/** A row's entities with the unverified claims first: they are what its holders most need to see. */
function unverifiedFirst(r: CostCenterRow): string[] {
  const unverified = new Set(r.unverifiedEntityRefs ?? []);
  return [...r.entityRefs.filter(ref => unverified.has(ref)), ...r.entityRefs.filter(ref => !unverified.has(ref))];
}
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
        {unverifiedFirst(r).slice(0, 3).map(ref => (
          <div key={ref}>
            <EntityRefLink entityRef={ref} />
            {r.unverifiedEntityRefs?.includes(ref) && (
              <Text
                as="span"
                variant="body-small"
                color="secondary"
                data-testid="unverified-entity"
                title="Its owner does not hold this cost center in awsPortal.cost.costCenters: the claim grants its owner nothing."
              >
                {' '}
                (unverified)
              </Text>
            )}
          </div>
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
      <StaleQueriesNotice queries={rows.flatMap(r => r.staleQueries ?? [])} />
      <InactiveTagsNotice tags={rows[0]?.inactiveTags ?? []} />
      {rows.length === 0 && (
        <Alert status="info" icon description="Cost Explorer has reported no spend yet; the first collection runs shortly after the backend starts." />
      )}
      <Grid.Root columns={{ initial: '1', sm: '2', md: '4' }} gap="4">
        <FigureCard label="Month to date" value={formatMoney(totals.monthToDate, currency)} hint={`${rows.length} cost centers you may read`} />
        <FigureCard label="Last month" value={formatMoney(totals.lastMonth, currency)} />
        <FigureCard
          label="Forecast month end"
          value={formatMoney(totals.forecastMonthEnd, currency)}
          hint="Each cost center's share of Cost Explorer's forecast"
        />
        {totals.untagged && (
          <FigureCard
            label="Untagged"
            value={`${(totals.untagged.share * 100).toFixed(1)} %`}
            hint={`${formatMoney(totals.untagged.monthToDate, currency)} this month has no CostCenter tag`}
          />
        )}
      </Grid.Root>
      <TitledCard title="Trend" subtitle="The last 13 months by cost center; this month so far">
        <MonthlyTrendChart keys={trend.keys} points={trend.points} currency={currency} label="Monthly spend by cost center" />
      </TitledCard>
      <Flex justify="between" align="center">
        <Text as="h2" variant="title-small">
          Cost centers
        </Text>
        <Button variant="secondary" onPress={() => download('cost-by-cost-center.csv', costCentersCsv(rows))}>
          Download CSV
        </Button>
      </Flex>
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
      {current && (
        <TitledCard
          data-testid={`cost-center-${centerName(current.costCenter)}`}
          title={centerName(current.costCenter)}
          subtitle={`${formatMoney(current.monthToDate, current.currency)} this month · forecast ${formatMoney(current.forecastMonthEnd, current.currency)} (${forecastBasisText(current.forecastBasis, true)})`}
        >
          <Flex direction="column" gap="4">
            <DailyChart series={current.daily} currency={current.currency} label={`Daily spend of ${centerName(current.costCenter)}`} />
            <Section
              title={current.topServicesMonth === 'last' ? 'Top services last month (this month has no whole day yet)' : 'Top services this month'}
            >
              <NamedTable
                label={`Top services of ${centerName(current.costCenter)}`}
                columnConfig={serviceColumns(current.currency)}
                data={current.topServices.map(t => ({ ...t, id: t.service }))}
              />
            </Section>
            {current.untaggedResources && <UntaggedResources groups={current.untaggedResources} />}
          </Flex>
        </TitledCard>
      )}
      <Section title="Anomalies (90 days)" level="h2">
        {anomalies.length === 0 ? (
          <Hint>Cost Explorer detected no anomaly in what you may read.</Hint>
        ) : (
          <NamedTable label="Cost anomalies" columnConfig={anomalyColumns(currency)} data={anomalies} />
        )}
      </Section>
    </>
  );
}

/** A page figure on its own card. */
function FigureCard(props: { label: string; value: string; hint?: string }) {
  return (
    <Card style={{ height: '100%' }}>
      <CardBody>
        <Figure {...props} />
      </CardBody>
    </Card>
  );
}
