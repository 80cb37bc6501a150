import {
  EmptyState,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AWS_ANNOTATIONS, hasAwsResourceSelector } from '@internal/plugin-aws-common';
import type { ResourceMetricsDetail } from '@internal/plugin-aws-cloudwatch-common';
import { Flex, Grid } from '@backstage/ui';
import { DataFreshness, DemoDataNotice, formatAge, Hint, Section, TitledCard } from '@internal/plugin-aws-react';
import useAsync from 'react-use/esm/useAsync';
import { awsCloudWatchApiRef } from '../../api/AwsCloudWatchApi';
import { MetricChart, formatValue } from '../MetricChart';

const KIND_ORDER = ['ecs-service', 'target-group', 'rds-instance', 'redis-cluster', 'msk-cluster'];

/** The Metrics tab: the key CloudWatch metrics of the entity's resources over the last hours. */
export function EntityMetricsContent() {
  const { entity } = useEntity();
  if (!hasAwsResourceSelector(entity)) {
    return <MissingAnnotationEmptyState annotation={[AWS_ANNOTATIONS.tagSelector, AWS_ANNOTATIONS.arns]} />;
  }
  return <EntityMetrics />;
}

function EntityMetrics() {
  const { entity } = useEntity();
  const api = useApi(awsCloudWatchApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityMetrics(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const resources = [...value.items].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label),
  );
  return (
    <Flex direction="column" gap="4">
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {resources.length === 0 && (
        <EmptyState
          missing="data"
          title="No metrics for this entity"
          description="No ECS service, target group, RDS instance, ElastiCache node or MSK cluster of this entity published CloudWatch metrics in the last three hours."
        />
      )}
      {resources.map(r => (
        <ResourceCard key={r.resourceArn} resource={r} />
      ))}
    </Flex>
  );
}

function ResourceCard({ resource: r }: { resource: ResourceMetricsDetail }) {
  return (
    <TitledCard
      data-testid={`metrics-${r.label}`}
      title={r.label}
      subtitle={`${r.accountId} · ${r.region} · ${r.periodSeconds / 60}-minute points · read ${formatAge(r.collectedAt)}`}
    >
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
        {r.series.map(s => {
          const last = s.points[s.points.length - 1];
          return (
            <Section key={s.id} title={`${s.label}${last ? `: ${formatValue(last[1], s.unit)}` : ''}`}>
              {s.points.length === 0 ? (
                <Hint>No data points in the window.</Hint>
              ) : (
                <MetricChart points={s.points} unit={s.unit} label={s.label} />
              )}
            </Section>
          );
        })}
      </Grid.Root>
    </TitledCard>
  );
}
