import {
  EmptyState,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AWS_ANNOTATIONS, AWS_ENTITY_TAG, hasAwsResourceSelector } from '@internal/plugin-aws-common';
import {
  type AlarmDetail,
  compareAlarms,
  describeCondition,
} from '@internal/plugin-aws-cloudwatch-common';
import { Alert, ButtonLink, Flex, Grid, Text } from '@backstage/ui';
import { DataFreshness, DemoDataNotice, formatAge, Hint, RefreshButton, Section, TextList, TitledCard, useItemRefresh } from '@internal/plugin-aws-react';
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
    <Flex direction="column" gap="4">
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {alarms.length === 0 ? (
        <EmptyState
          missing="data"
          title="No CloudWatch alarm watches this entity"
          description={`No collected alarm names a resource of this entity in its dimensions, carries the tags of ${AWS_ANNOTATIONS.tagSelector}, or names the entity in its ${AWS_ENTITY_TAG} tag.`}
        />
      ) : (
        <Text as="p" variant="body-large">
          {firing === 0
            ? `${alarms.length} alarm${alarms.length === 1 ? '' : 's'}, none in alarm.`
            : `${firing} of ${alarms.length} alarm${alarms.length === 1 ? '' : 's'} in alarm.`}
        </Text>
      )}
      {alarms.map(a => (
        <AlarmCard key={a.alarmArn} alarm={a} onRefreshed={retry} />
      ))}
    </Flex>
  );
}

function AlarmCard(props: { alarm: AlarmDetail; onRefreshed: () => void }) {
  const api = useApi(awsCloudWatchApiRef);
  const { item: a, refreshing, error: refreshError, refresh } = useItemRefresh(
    props.alarm,
    () => api.refreshAlarm(props.alarm.alarmArn),
    props.onRefreshed,
  );
  return (
    <TitledCard
      data-testid={`alarm-${a.alarmName}`}
      title={a.alarmName}
      adornment={
        <>
          <AlarmStateChip state={a.state} />
          {a.severity && (
            <Text variant="body-medium" color="secondary">
              {a.severity}
            </Text>
          )}
        </>
      }
      subtitle={`${alarmStateLabel(a.state)} since ${new Date(a.stateSince).toLocaleString()} (${formatAge(a.stateSince)}) · collected ${formatAge(a.collectedAt)}`}
      actions={
        <>
          <RefreshButton refreshing={refreshing} onRefresh={refresh} />
          <ButtonLink size="small" variant="secondary" href={a.consoleUrl} target="_blank" rel="noopener">
            Open in CloudWatch
          </ButtonLink>
        </>
      }
    >
      <Flex direction="column" gap="4">
        {refreshError && <Alert status="warning" icon description={refreshError} />}
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
          <Flex direction="column" gap="3">
            <Section title="Reason">
              <Text variant="body-medium">{a.stateReason || '—'}</Text>
            </Section>
            <Section title="Condition">
              <Text variant="body-medium">
                {describeCondition(a)}
                {a.metric?.unit && a.threshold !== undefined ? ` (${formatValue(a.threshold, a.metric.unit)})` : ''}
                {a.treatMissingData ? ` · missing data: ${a.treatMissingData}` : ''}
                {a.actionsEnabled ? '' : ' · actions disabled'}
              </Text>
            </Section>
            {a.resourceLabels.length > 0 && (
              <Section title="Watches">
                <Text variant="body-medium">{a.resourceLabels.join(', ')}</Text>
              </Section>
            )}
            {a.description && <Hint>{a.description}</Hint>}
          </Flex>
          <div>
            <AlarmChart alarm={a} />
          </div>
        </Grid.Root>
        <History alarm={a} />
      </Flex>
    </TitledCard>
  );
}

function AlarmChart({ alarm: a }: { alarm: AlarmDetail }) {
  if (a.type === 'composite') {
    return <Hint>A composite alarm has no metric of its own; its members are listed in the rule.</Hint>;
  }
  if (!a.metric) {
    return <Hint>Charts of metric-math alarms are not drawn; open the alarm in CloudWatch.</Hint>;
  }
  if (!a.chart) {
    return <Hint>The metric has not been read yet.</Hint>;
  }
  if (a.chart.points.length === 0) {
    return <Hint>No data points in the last hours (read {formatAge(a.chart.readAt)}).</Hint>;
  }
  return (
    <Section title={`${a.metric.metricName} (${a.metric.statistic}), last hours · read ${formatAge(a.chart.readAt)}`}>
      <MetricChart points={a.chart.points} unit={a.metric.unit} threshold={a.threshold} label={a.metric.metricName} />
    </Section>
  );
}

function History({ alarm: a }: { alarm: AlarmDetail }) {
  return (
    <Section title="History (14 days)">
      {!a.historyReadAt && <Hint>The alarm's history could not be read from this account; see the backend log.</Hint>}
      {a.historyReadAt && a.history.length === 0 && <Hint>No state change in the last 14 days.</Hint>}
      <TextList
        label={`History of ${a.alarmName}`}
        items={a.history.map(h => ({
          key: `${h.at}-${h.to}`,
          primary: (
            <Flex align="center" gap="2">
              <Text variant="body-medium" style={{ minWidth: 170 }}>
                {new Date(h.at).toLocaleString()}
              </Text>
              {h.from && <AlarmStateChip state={h.from} />}
              <span aria-hidden>→</span>
              <AlarmStateChip state={h.to} />
            </Flex>
          ),
          secondary: h.summary,
        }))}
      />
    </Section>
  );
}
