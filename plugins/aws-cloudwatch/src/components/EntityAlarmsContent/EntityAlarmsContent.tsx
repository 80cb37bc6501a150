import {
  EmptyState,
  Link,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AWS_ANNOTATIONS, AWS_ENTITY_TAG, hasAwsResourceSelector } from '@internal/plugin-aws-common';
import {
  type AlarmDetail,
  compareAlarms,
  describeCondition,
} from '@internal/plugin-aws-cloudwatch-common';
import { DataFreshness, DemoDataNotice, formatAge } from '@internal/plugin-aws-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { awsCloudWatchApiRef } from '../../api/AwsCloudWatchApi';
import { AlarmStateChip, alarmStateLabel } from '../AlarmStateChip';
import { MetricChart, formatValue } from '../MetricChart';

/** The Alarms tab: every CloudWatch alarm on the entity's resources. */
export function EntityAlarmsContent() {
  const { entity } = useEntity();
  if (!hasAwsResourceSelector(entity)) {
    return <MissingAnnotationEmptyState annotation={[AWS_ANNOTATIONS.tagSelector, AWS_ANNOTATIONS.arns]} />;
  }
  return <EntityAlarms />;
}

function EntityAlarms() {
  const { entity } = useEntity();
  const api = useApi(awsCloudWatchApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityAlarms(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const alarms = [...value.items].sort(compareAlarms);
  const firing = alarms.filter(a => a.state === 'ALARM').length;
  return (
    <Stack spacing={2}>
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {alarms.length === 0 ? (
        <EmptyState
          missing="data"
          title="No CloudWatch alarm watches this entity"
          description={`No collected alarm names a resource of this entity in its dimensions, carries the tags of ${AWS_ANNOTATIONS.tagSelector}, or names the entity in its ${AWS_ENTITY_TAG} tag.`}
        />
      ) : (
        <Typography variant="body1">
          {firing === 0
            ? `${alarms.length} alarm${alarms.length === 1 ? '' : 's'}, none in alarm.`
            : `${firing} of ${alarms.length} alarm${alarms.length === 1 ? '' : 's'} in alarm.`}
        </Typography>
      )}
      {alarms.map(a => (
        <AlarmCard key={a.alarmArn} alarm={a} onRefreshed={retry} />
      ))}
    </Stack>
  );
}

function AlarmCard(props: { alarm: AlarmDetail; onRefreshed: () => void }) {
  const api = useApi(awsCloudWatchApiRef);
  const [alarm, setAlarm] = useState(props.alarm);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string>();
  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      setAlarm(await api.refreshAlarm(alarm.alarmArn));
      props.onRefreshed();
    } catch (e) {
      // The backend's sentence, not the transport's status line.
      setRefreshError(e instanceof ResponseError ? e.body.error.message : (e as Error).message);
    } finally {
      setRefreshing(false);
    }
  };
  const a = alarm;
  return (
    <Card variant="outlined" data-testid={`alarm-${a.alarmName}`}>
      <CardHeader
        title={
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <AlarmStateChip state={a.state} />
            <Typography variant="h6" component="h3">
              {a.alarmName}
            </Typography>
            {a.severity && <Typography variant="body2" color="text.secondary">{a.severity}</Typography>}
          </Box>
        }
        subheader={`${alarmStateLabel(a.state)} since ${new Date(a.stateSince).toLocaleString()} (${formatAge(a.stateSince)}) · collected ${formatAge(a.collectedAt)}`}
        action={
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button size="small" onClick={refresh} disabled={refreshing}>
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </Button>
            <Button size="small" component={Link} to={a.consoleUrl} target="_blank" rel="noopener">
              Open in CloudWatch
            </Button>
          </Box>
        }
      />
      <CardContent>
        {refreshError && <Alert severity="warning" sx={{ mb: 2 }}>{refreshError}</Alert>}
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2">Reason</Typography>
            <Typography variant="body2" sx={{ mb: 1 }}>{a.stateReason || '—'}</Typography>
            <Typography variant="subtitle2">Condition</Typography>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {describeCondition(a)}
              {a.metric?.unit && a.threshold !== undefined ? ` (${formatValue(a.threshold, a.metric.unit)})` : ''}
              {a.treatMissingData ? ` · missing data: ${a.treatMissingData}` : ''}
              {a.actionsEnabled ? '' : ' · actions disabled'}
            </Typography>
            {a.resourceLabels.length > 0 && (
              <>
                <Typography variant="subtitle2">Watches</Typography>
                <Typography variant="body2" sx={{ mb: 1 }}>{a.resourceLabels.join(', ')}</Typography>
              </>
            )}
            {a.description && <Typography variant="body2" color="text.secondary">{a.description}</Typography>}
          </Grid>
          <Grid item xs={12} md={6}>
            <AlarmChart alarm={a} />
          </Grid>
          <Grid item xs={12}>
            <History alarm={a} />
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}

function AlarmChart({ alarm: a }: { alarm: AlarmDetail }) {
  if (a.type === 'composite') {
    return <Typography variant="body2" color="text.secondary">A composite alarm has no metric of its own; its members are listed in the rule.</Typography>;
  }
  if (!a.metric) {
    return <Typography variant="body2" color="text.secondary">Charts of metric-math alarms are not drawn; open the alarm in CloudWatch.</Typography>;
  }
  if (!a.chart) {
    return <Typography variant="body2" color="text.secondary">The metric has not been read yet.</Typography>;
  }
  if (a.chart.points.length === 0) {
    return <Typography variant="body2" color="text.secondary">No data points in the last hours (read {formatAge(a.chart.readAt)}).</Typography>;
  }
  return (
    <>
      <Typography variant="subtitle2">
        {a.metric.metricName} ({a.metric.statistic}), last hours · read {formatAge(a.chart.readAt)}
      </Typography>
      <MetricChart points={a.chart.points} unit={a.metric.unit} threshold={a.threshold} label={a.metric.metricName} />
    </>
  );
}

function History({ alarm: a }: { alarm: AlarmDetail }) {
  return (
    <>
      <Typography variant="subtitle2">History (14 days)</Typography>
      {!a.historyReadAt && (
        <Typography variant="body2" color="text.secondary">
          The alarm's history could not be read from this account; see the backend log.
        </Typography>
      )}
      {a.historyReadAt && a.history.length === 0 && (
        <Typography variant="body2" color="text.secondary">No state change in the last 14 days.</Typography>
      )}
      <List dense aria-label={`History of ${a.alarmName}`}>
        {a.history.map(h => (
          <ListItem key={`${h.at}-${h.to}`} disableGutters>
            <ListItemText
              primary={
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography variant="body2" sx={{ minWidth: 170 }}>{new Date(h.at).toLocaleString()}</Typography>
                  {h.from && <AlarmStateChip state={h.from} />}
                  <span aria-hidden>→</span>
                  <AlarmStateChip state={h.to} />
                </Box>
              }
              secondary={h.summary}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
