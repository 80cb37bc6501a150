import {
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
  EmptyState,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { getCompoundEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  AWS_ANNOTATIONS,
  hasAwsResourceSelector,
} from '@internal/plugin-aws-common';
import { DataFreshness, DemoDataNotice } from '@internal/plugin-aws-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { AlarmCount } from '../AlarmCount/AlarmCount';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ecsHealthApiRef } from '../../api/EcsHealthApi';
import { ServiceHealthCard } from './ServiceHealthCard';

export function EntityHealthContent() {
  const { entity } = useEntity();
  if (!hasAwsResourceSelector(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={[AWS_ANNOTATIONS.tagSelector, AWS_ANNOTATIONS.arns]}
      />
    );
  }
  return <EntityHealth />;
}

function EntityHealth() {
  const { entity } = useEntity();
  const api = useApi(ecsHealthApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityHealth(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const { value: alarms } = useAsync(() => api.getAlarmsSummary(), [api]);
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Stack spacing={2}>
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {alarms && (
        <Stack direction="row" spacing={1} alignItems="center" data-testid="entity-alarm-count">
          <Typography variant="body2">CloudWatch alarms:</Typography>
          <AlarmCount counts={alarms.summary.byEntity[stringifyEntityRef(entity)]} known />
          <Typography variant="body2" color="text.secondary">
            (details on the Alarms tab)
          </Typography>
        </Stack>
      )}
      {value.items.length === 0 && (
        <EmptyState
          missing="data"
          title="No ECS service matches this entity"
          description={`No collected ECS service carries the tags of ${AWS_ANNOTATIONS.tagSelector} or is listed in ${AWS_ANNOTATIONS.arns}.`}
        />
      )}
      {value.items.map(service => (
        <ServiceHealthCard
          key={service.serviceArn}
          service={service}
          onRefreshed={retry}
        />
      ))}
    </Stack>
  );
}
