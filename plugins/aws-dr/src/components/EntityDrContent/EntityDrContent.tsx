import { MissingAnnotationEmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Alert, Cell, CellText, type ColumnConfig, Flex } from '@backstage/ui';
import { AWS_ANNOTATIONS, readAwsEntityContext } from '@internal/plugin-aws-common';
import { DR_KIND_LABELS, type DrDetail, compareVerdicts, worstVerdict } from '@internal/plugin-aws-dr-common';
import { DataFreshness, DemoDataNotice, formatAge, NamedTable, Section, TitledCard, WrappingTextCell } from '@internal/plugin-aws-react';
import { minutesText, targetsText } from '../drView';
import { useEntityDr } from '../useEntityDr';
import { VERDICT_STATUS, VerdictChip, verdictLabel } from '../VerdictChip';

/** The DR tab: the entity's verdict, and each service's and data store's checks and facts. */
export function EntityDrContent() {
  const { entity } = useEntity();
  const read = readAwsEntityContext(entity);
  if (read.ok && !read.context.recovery) {
    return <MissingAnnotationEmptyState annotation={[AWS_ANNOTATIONS.rpo, AWS_ANNOTATIONS.rto, AWS_ANNOTATIONS.drRegion]} />;
  }
  return <EntityDr />;
}

function EntityDr() {
  const { entity } = useEntity();
  const { value, loading, error } = useEntityDr();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const stores = [...value.items].sort((a, b) => compareVerdicts(a.assessment.verdict, b.assessment.verdict) || a.name.localeCompare(b.name));
  const verdict = worstVerdict(stores.map(s => s.assessment.verdict));
  return (
    <Flex direction="column" gap="4">
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {stores.length === 0 ? (
        <Alert
          status="info"
          icon
          description={`The portal found no ECS service, RDS database, Aurora cluster, ElastiCache replication group or MSK cluster of ${entity.metadata.name}; only those are assessed.`}
        />
      ) : (
        <Alert
          status={VERDICT_STATUS[verdict]}
          icon
          data-testid="dr-entity-verdict"
          description={
            <>
              <strong>{verdictLabel(verdict)}</strong>: {stores.length} resource{stores.length === 1 ? '' : 's'} assessed against{' '}
              {targetsText(stores[0].targets)}.
            </>
          }
        />
      )}
      {stores.map(s => (
        <StoreCard key={s.arn} store={s} />
      ))}
    </Flex>
  );
}

type CheckItem = DrDetail['assessment']['checks'][number] & { id: string };

const CHECK_COLUMNS: ColumnConfig<CheckItem>[] = [
  {
    id: 'disruption',
    label: 'Disruption',
    isRowHeader: true,
    cell: c => <CellText title={c.disruption === 'az' ? 'Availability Zone' : 'Region'} />,
  },
  { id: 'objective', label: 'Objective', cell: c => <CellText title={c.objective.toUpperCase()} /> },
  { id: 'target', label: 'Target', cell: c => <CellText title={minutesText(c.targetMinutes)} /> },
  { id: 'achieved', label: 'Achieved', cell: c => <CellText title={minutesText(c.achievedMinutes)} /> },
  {
    id: 'verdict',
    label: 'Verdict',
    cell: c => (
      <Cell>
        <VerdictChip verdict={c.verdict} />
      </Cell>
    ),
  },
  { id: 'why', label: 'Why', cell: c => <WrappingTextCell text={c.sentence} /> },
];

const FACT_COLUMNS: ColumnConfig<{ id: string; fact: string; value: string }>[] = [
  { id: 'fact', label: 'Fact', isRowHeader: true, width: '30%', cell: f => <CellText title={f.fact} /> },
  { id: 'value', label: 'Value', cell: f => <WrappingTextCell text={f.value} /> },
];

function StoreCard(props: { store: DrDetail }) {
  const { store: s } = props;
  const now = new Date();
  const copies = s.crossRegion.map(
    c => `${c.region}: ${c.via.replace(/-/g, ' ')}${c.name ? ` ${c.name}` : ''}${c.lagSeconds !== undefined ? `, lag ${c.lagSeconds} s` : ''}${c.latestTime ? `, newest ${formatAge(c.latestTime, now)}` : ''}`,
  );
  const facts: Array<[string, string]> = s.kind === 'ecs-service' ? [
    ['Availability Zones of its subnets', String(s.zones)],
    ['Tasks', `${s.runningCount ?? 0} running of ${s.desiredCount ?? 0} desired`],
    ['Standby in other Regions', copies.length ? copies.join('; ') : 'none'],
  ] : [
    ['Multi-AZ', s.multiAz ? 'yes' : 'no'],
    ['Availability Zones', String(s.zones)],
    ['Latest restorable time', s.latestRestorableTime ? formatAge(s.latestRestorableTime, now) : '–'],
    ['Newest snapshot or recovery point', s.latestSnapshotTime ? formatAge(s.latestSnapshotTime, now) : '–'],
    ['Backup retention', s.backupRetentionDays !== undefined ? `${s.backupRetentionDays} days` : '–'],
    ['AWS Backup', s.backupProtected ? 'protected' : 'not protected'],
    ['Copies in other Regions', copies.length ? copies.join('; ') : 'none'],
    ['Tested restores', s.restoreTests.length ? s.restoreTests.map(t => `${t.region} ${t.completedAt.slice(0, 10)}: ${minutesText(t.minutes)}`).join('; ') : 'none'],
  ];
  return (
    <TitledCard
      data-testid={`dr-store-${s.name}`}
      title={s.name}
      adornment={<VerdictChip verdict={s.assessment.verdict} />}
      subtitle={`${DR_KIND_LABELS[s.kind]}${s.engine ? ` (${s.engine})` : ''} · ${s.accountId} ${s.region} · read ${formatAge(s.collectedAt, now)}`}
    >
      <Flex direction="column" gap="4">
        <NamedTable
          label={`Recovery checks of ${s.name}`}
          columnConfig={CHECK_COLUMNS}
          data={s.assessment.checks.map(c => ({ ...c, id: `${c.disruption}-${c.objective}` }))}
        />
        <Section title="What the portal read">
          <NamedTable
            label={`Recovery facts of ${s.name}`}
            columnConfig={FACT_COLUMNS}
            data={facts.map(([fact, value]) => ({ id: fact, fact, value }))}
          />
        </Section>
      </Flex>
    </TitledCard>
  );
}
