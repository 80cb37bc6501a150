import {
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
  EmptyState,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  AWS_ANNOTATIONS,
  hasAwsResourceSelector,
} from '@internal/plugin-aws-common';
import { DataFreshness, DemoDataNotice } from '@internal/plugin-aws-react';
import Stack from '@mui/material/Stack';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { awsHealthApiRef } from '../../api/AwsHealthApi';
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
  const api = useApi(awsHealthApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityHealth(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Stack spacing={2}>
      {value.demo && <DemoDataNotice />}
      <DataFreshness targets={value.accountRegions} />
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
