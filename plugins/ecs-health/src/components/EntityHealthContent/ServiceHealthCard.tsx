import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  type EcsServiceHealth,
  ecsConsoleLinks,
  shortTaskDef,
  type TargetGroupHealth,
} from '@internal/plugin-ecs-health-common';
import { Cell, CellText, type ColumnConfig } from '@backstage/ui';
import { formatAge, NamedTable, WrappingTextCell } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type ReactNode, useState } from 'react';
import { ecsHealthApiRef } from '../../api/EcsHealthApi';
import { StatusChip } from '../StatusChip/StatusChip';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

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
        <LinearProgress
          variant="determinate"
          color={d.rolloutState === 'FAILED' ? 'error' : 'primary'}
          value={d.desiredCount ? Math.min(100, (100 * d.runningCount) / d.desiredCount) : 100}
        />
        <Typography variant="caption">
          {d.runningCount}/{d.desiredCount} running
          {d.pendingCount ? `, ${d.pendingCount} pending` : ''}
        </Typography>
      </Cell>
    ),
  },
  { id: 'failedTasks', label: 'Failed tasks', cell: d => <CellText title={String(d.failedTasks)} /> },
];

function circuitBreakerLabel(breaker: EcsServiceHealth['circuitBreaker']) {
  if (!breaker?.enable) return 'off';
  return breaker.rollback ? 'on, rollback' : 'on';
}

function Count(props: { label: string; value: number | string }) {
  return (
    <Box>
      <Typography variant="h5" component="p">
        {props.value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {props.label}
      </Typography>
    </Box>
  );
}

export function ServiceHealthCard(props: {
  service: EcsServiceHealth;
  onRefreshed: () => void;
}) {
  const api = useApi(ecsHealthApiRef);
  const [service, setService] = useState(props.service);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string>();
  const links = ecsConsoleLinks(service);
  const s = service;

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      setService(await api.refreshService(s.serviceArn));
      props.onRefreshed();
    } catch (e) {
      // The backend's sentence, not the transport's status line.
      setRefreshError(
        e instanceof ResponseError ? e.body.error.message : (e as Error).message,
      );
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <Card data-testid={`service-${s.serviceName}`}>
      <CardHeader
        title={
          <Stack direction="row" spacing={1} alignItems="center">
            <span>{s.serviceName}</span>
            <StatusChip status={s.status} />
          </Stack>
        }
        subheader={`${s.clusterName} · ${s.accountId} · ${s.region} · collected ${formatAge(s.collectedAt)}`}
        action={
          <Button onClick={refresh} disabled={refreshing} size="small">
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        }
      />
      <CardContent>
        <Stack spacing={3}>
          {refreshError && <Alert severity="warning">{refreshError}</Alert>}
          {s.reasons.length > 0 && (
            <Alert severity={s.status === 'failing' ? 'error' : 'warning'}>
              {s.reasons.map(r => (
                <div key={r}>{r}</div>
              ))}
            </Alert>
          )}
          <Stack direction="row" spacing={4} flexWrap="wrap">
            <Count label="desired" value={s.desiredCount} />
            <Count label="running" value={s.runningCount} />
            <Count label="pending" value={s.pendingCount} />
            <Count
              label="task size (CPU / MiB)"
              value={`${s.taskDefinition.cpu ?? '?'} / ${s.taskDefinition.memory ?? '?'}`}
            />
            <Count
              label="capacity"
              value={
                s.capacityProviderStrategy.length
                  ? s.capacityProviderStrategy
                      .map(c => `${c.capacityProvider.replace('FARGATE_', '')} ${c.weight}`)
                      .join(' / ')
                  : s.launchType ?? '—'
              }
            />
            <Count
              label="circuit breaker"
              value={circuitBreakerLabel(s.circuitBreaker)}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
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
          </Stack>
          <Section title="Deployments">
            <NamedTable label="Deployments" columnConfig={DEPLOYMENT_COLUMNS} data={s.deployments} />
          </Section>
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <Section title="Stopped tasks">
                {s.stoppedTasks.length === 0 ? (
                  <Typography variant="body2">No task stopped recently.</Typography>
                ) : (
                  <List dense disablePadding>
                    {s.stoppedTasks.map(t => (
                      <ListItem key={t.taskArn} disableGutters>
                        <ListItemText
                          primary={t.stoppedReason ?? t.stopCode ?? 'Stopped'}
                          secondary={[
                            formatAge(t.stoppedAt),
                            t.stopCode,
                            ...t.containers
                              .filter(c => c.reason || c.exitCode !== undefined)
                              .map(c =>
                                `${c.name}: ${[c.reason, c.exitCode !== undefined ? `exit code ${c.exitCode}` : '']
                                  .filter(Boolean)
                                  .join(', ')}`,
                              ),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        />
                      </ListItem>
                    ))}
                  </List>
                )}
              </Section>
            </Grid>
            <Grid item xs={12} md={6}>
              <Section title="Load balancer targets">
                {s.targetHealth.length === 0 ? (
                  <Typography variant="body2">Not behind a load balancer.</Typography>
                ) : (
                  s.targetHealth.map(g => (
                    <List dense disablePadding key={g.targetGroupArn}>
                      <ListItem disableGutters>
                        <ListItemText
                          primary={targetCounts(g)}
                          secondary={g.targetGroupArn.split(':').pop()}
                        />
                      </ListItem>
                      {g.targets.map(t => (
                        <ListItem key={`${t.id}:${t.port}`} disableGutters>
                          <ListItemText
                            primary={`${t.id}:${t.port ?? g.containerPort ?? ''} — ${t.state}`}
                            secondary={t.description}
                          />
                        </ListItem>
                      ))}
                    </List>
                  ))
                )}
              </Section>
            </Grid>
          </Grid>
          <Section title="Service events">
            <List dense disablePadding>
              {s.events.map(e => (
                <ListItem key={e.id} disableGutters>
                  <ListItemText primary={e.message} secondary={formatAge(e.createdAt)} />
                </ListItem>
              ))}
            </List>
          </Section>
        </Stack>
      </CardContent>
    </Card>
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
