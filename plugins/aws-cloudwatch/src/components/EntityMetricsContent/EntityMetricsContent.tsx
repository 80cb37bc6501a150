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
import { DataFreshness, DemoDataNotice, formatAge } from '@internal/plugin-aws-react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
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
    <Stack spacing={2}>
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
    </Stack>
  );
}

function ResourceCard({ resource: r }: { resource: ResourceMetricsDetail }) {
  return (
    <Card variant="outlined" data-testid={`metrics-${r.label}`}>
      <CardHeader
        title={r.label}
        subheader={`${r.accountId} · ${r.region} · ${r.periodSeconds / 60}-minute points · read ${formatAge(r.collectedAt)}`}
      />
      <CardContent>
        <Grid container spacing={2}>
          {r.series.map(s => {
            const last = s.points[s.points.length - 1];
            return (
              <Grid item xs={12} md={6} key={s.id}>
                <Typography variant="subtitle2">
                  {s.label}
                  {last ? `: ${formatValue(last[1], s.unit)}` : ''}
                </Typography>
                {s.points.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">No data points in the window.</Typography>
                ) : (
                  <MetricChart points={s.points} unit={s.unit} label={s.label} />
                )}
              </Grid>
            );
          })}
        </Grid>
      </CardContent>
    </Card>
  );
}
