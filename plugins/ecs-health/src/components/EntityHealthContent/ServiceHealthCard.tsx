import { useApi } from '@backstage/frontend-plugin-api';
import {
  type EcsServiceHealth,
  ecsConsoleLinks,
  shortTaskDef,
  type TargetGroupHealth,
} from '@internal/plugin-ecs-health-common';
import { LinearGauge } from '@backstage/core-components';
import { Alert, Cell, CellText, type ColumnConfig, Flex, Grid, Link, Text } from '@backstage/ui';
import { Figure, formatAge, Hint, NamedTable, RefreshButton, Section, TextList, TitledCard, useItemRefresh, WrappingTextCell } from '@internal/plugin-aws-react';
import { ecsHealthApiRef } from '../../api/EcsHealthApi';
import { StatusChip } from '../StatusChip/StatusChip';

type Deployment = EcsServiceHealth['deployments'][number];

const DEPLOYMENT_COLUMNS: ColumnConfig<Deployment>[] = [
  { id: 'status', label: 'Status', isRowHeader: true, cell: d => <CellText title={d.status} /> },
  { id: 'taskDefinition', label: 'Task definition', cell: d => <CellText title={shortTaskDef(d.taskDefinition)} /> },
  {
    id: 'rollout',
    label: 'Rollout',
    cell: d => <WrappingTextCell text={[d.rolloutState ?? '—', d.rolloutStateReason].filter(Boolean).join(': ')} />,
  },
  {
    id: 'progress',
    label: 'Progress',
    width: '30%',
    cell: d => (
      <Cell>
        <LinearGauge
          value={d.desiredCount ? Math.min(1, d.runningCount / d.desiredCount) : 1}
          getColor={({ palette, value }) => {
            if (d.rolloutState === 'FAILED') return palette.status.error;
            return value >= 100 ? palette.status.ok : palette.status.warning;
          }}
        />
        <Text variant="body-small">
          {d.runningCount}/{d.desiredCount} running
          {d.pendingCount ? `, ${d.pendingCount} pending` : ''}
        </Text>
      </Cell>
    ),
  },
  { id: 'failedTasks', label: 'Failed tasks', cell: d => <CellText title={String(d.failedTasks)} /> },
];

function circuitBreakerLabel(breaker: EcsServiceHealth['circuitBreaker']) {
  if (!breaker?.enable) return 'off';
  return breaker.rollback ? 'on, rollback' : 'on';
}

export function ServiceHealthCard(props: {
  service: EcsServiceHealth;
  onRefreshed: () => void;
}) {
  const api = useApi(ecsHealthApiRef);
  const { item: s, refreshing, error: refreshError, refresh } = useItemRefresh(
    props.service,
    () => api.refreshService(props.service.serviceArn),
    props.onRefreshed,
  );
  const links = ecsConsoleLinks(s);

  const figures: Array<[string, string | number]> = [
    ['Desired', s.desiredCount],
    ['Running', s.runningCount],
    ['Pending', s.pendingCount],
    ['Task size (CPU / MiB)', `${s.taskDefinition.cpu ?? '?'} / ${s.taskDefinition.memory ?? '?'}`],
    [
      'Capacity',
      s.capacityProviderStrategy.length
        ? s.capacityProviderStrategy.map(c => `${c.capacityProvider.replace('FARGATE_', '')} ${c.weight}`).join(' / ')
        : s.launchType ?? '—',
    ],
    ['Circuit breaker', circuitBreakerLabel(s.circuitBreaker)],
  ];

  return (
    <TitledCard
      data-testid={`service-${s.serviceName}`}
      title={s.serviceName}
      adornment={<StatusChip status={s.status} />}
      subtitle={`${s.clusterName} · ${s.accountId} · ${s.region} · collected ${formatAge(s.collectedAt)}`}
      actions={
        <RefreshButton refreshing={refreshing} onRefresh={refresh} />
      }
    >
      <Flex direction="column" gap="5">
        {refreshError && <Alert status="warning" icon description={refreshError} />}
        {s.reasons.length > 0 && (
          <Alert
            status={s.status === 'failing' ? 'danger' : 'warning'}
            icon
            description={s.reasons.map(r => (
              <div key={r}>{r}</div>
            ))}
          />
        )}
        <Flex gap="6" style={{ flexWrap: 'wrap' }}>
          {figures.map(([label, value]) => (
            <Figure key={label} label={label} value={value} testId={`${s.serviceName}-${label}`} />
          ))}
        </Flex>
        <Flex gap="4">
          <Link href={links.service} target="_blank" rel="noopener">
            Service in the AWS console
          </Link>
          <Link href={links.tasks} target="_blank" rel="noopener">
            Tasks
          </Link>
          {links.logs && (
            <Link href={links.logs} target="_blank" rel="noopener">
              Logs ({s.taskDefinition.logGroup})
            </Link>
          )}
        </Flex>
        <Section title="Deployments">
          <NamedTable label="Deployments" columnConfig={DEPLOYMENT_COLUMNS} data={s.deployments} />
        </Section>
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="5">
          <Section title="Stopped tasks">
            {s.stoppedTasks.length === 0 ? (
              <Hint>No task stopped recently.</Hint>
            ) : (
              <TextList
                label="Stopped tasks"
                items={s.stoppedTasks.map(t => ({
                  key: t.taskArn,
                  primary: t.stoppedReason ?? t.stopCode ?? 'Stopped',
                  secondary: [
                    formatAge(t.stoppedAt),
                    t.stopCode,
                    ...t.containers
                      .filter(c => c.reason || c.exitCode !== undefined)
                      .map(c => `${c.name}: ${[c.reason, c.exitCode !== undefined ? `exit code ${c.exitCode}` : ''].filter(Boolean).join(', ')}`),
                  ]
                    .filter(Boolean)
                    .join(' · '),
                }))}
              />
            )}
          </Section>
          <Section title="Load balancer targets">
            {s.targetHealth.length === 0 ? (
              <Hint>Not behind a load balancer.</Hint>
            ) : (
              s.targetHealth.map(g => (
                <TextList
                  key={g.targetGroupArn}
                  label={`Targets of ${g.targetGroupArn.split(':').pop()}`}
                  items={[
                    { key: 'counts', primary: targetCounts(g), secondary: g.targetGroupArn.split(':').pop() },
                    ...g.targets.map(t => ({
                      key: `${t.id}:${t.port}`,
                      primary: `${t.id}:${t.port ?? g.containerPort ?? ''} — ${t.state}`,
                      secondary: t.description,
                    })),
                  ]}
                />
              ))
            )}
          </Section>
        </Grid.Root>
        <Section title="Service events">
          <TextList label="Service events" items={s.events.map(e => ({ key: e.id, primary: e.message, secondary: formatAge(e.createdAt) }))} />
        </Section>
      </Flex>
    </TitledCard>
  );
}

/** The group's counts, from its described targets or from CloudWatch. */
function targetCounts(g: TargetGroupHealth): string {
  if (g.targets.length > 0) {
    const healthy = g.targets.filter(t => t.state === 'healthy').length;
    return `${healthy} of ${g.targets.length} targets healthy`;
  }
  if (g.healthyCount === undefined && g.unhealthyCount === undefined) {
    return 'No target health in CloudWatch for the last 10 minutes';
  }
  const healthy = g.healthyCount ?? 0;
  const total = healthy + (g.unhealthyCount ?? 0);
  return `${healthy} of ${total} targets healthy (CloudWatch)`;
}
