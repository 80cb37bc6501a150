import { MissingAnnotationEmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AWS_ANNOTATIONS, readAwsEntityContext } from '@internal/plugin-aws-common';
import { DR_KIND_LABELS, type DrDetail, compareVerdicts, worstVerdict } from '@internal/plugin-aws-dr-common';
import { DataFreshness, DemoDataNotice, formatAge } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { minutesText, targetsText } from '../drView';
import { useEntityDr } from '../useEntityDr';
import { VerdictChip, verdictLabel } from '../VerdictChip';

const SEVERITY = { breached: 'error', 'at-risk': 'warning', meets: 'success', 'no-target': 'info' } as const;

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
    <Stack spacing={2}>
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {stores.length === 0 ? (
        <Alert severity="info">
          The portal found no ECS service, RDS database, Aurora cluster, ElastiCache replication group or MSK cluster of{' '}
          {entity.metadata.name}; only those are assessed.
        </Alert>
      ) : (
        <Alert
          severity={SEVERITY[verdict]}
          data-testid="dr-entity-verdict"
        >
          <strong>{verdictLabel(verdict)}</strong>: {stores.length} resource{stores.length === 1 ? '' : 's'} assessed against{' '}
          {targetsText(stores[0].targets)}.
        </Alert>
      )}
      {stores.map(s => (
        <StoreCard key={s.arn} store={s} />
      ))}
    </Stack>
  );
}

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
    <Card variant="outlined" data-testid={`dr-store-${s.name}`}>
      <CardHeader
        title={
          <Stack direction="row" spacing={1} alignItems="center">
            <span>{s.name}</span>
            <VerdictChip verdict={s.assessment.verdict} />
          </Stack>
        }
        subheader={`${DR_KIND_LABELS[s.kind]}${s.engine ? ` (${s.engine})` : ''} · ${s.accountId} ${s.region} · read ${formatAge(s.collectedAt, now)}`}
      />
      <CardContent>
        <Table size="small" aria-label={`Recovery checks of ${s.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Disruption</TableCell>
              <TableCell>Objective</TableCell>
              <TableCell align="right">Target</TableCell>
              <TableCell align="right">Achieved</TableCell>
              <TableCell>Verdict</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {s.assessment.checks.map(c => (
              <TableRow key={`${c.disruption}-${c.objective}`}>
                <TableCell>{c.disruption === 'az' ? 'Availability Zone' : 'Region'}</TableCell>
                <TableCell>{c.objective.toUpperCase()}</TableCell>
                <TableCell align="right">{minutesText(c.targetMinutes)}</TableCell>
                <TableCell align="right">{minutesText(c.achievedMinutes)}</TableCell>
                <TableCell>
                  <VerdictChip verdict={c.verdict} />
                </TableCell>
                <TableCell>{c.sentence}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
          What the portal read
        </Typography>
        <Table size="small" aria-label={`Recovery facts of ${s.name}`}>
          <TableBody>
            {facts.map(([k, v]) => (
              <TableRow key={k}>
                <TableCell component="th" scope="row" sx={{ width: '30%' }}>
                  {k}
                </TableCell>
                <TableCell>{v}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
