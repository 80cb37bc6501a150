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
import { Flex, Text } from '@backstage/ui';
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
    <Flex direction="column" gap="4">
      {value.demo && <DemoDataNotice />}
      <DataFreshness accountRegions={value.accountRegions} />
      {alarms && (
        <Flex align="center" gap="2" data-testid="entity-alarm-count">
          <Text variant="body-medium">CloudWatch alarms:</Text>
          <AlarmCount counts={alarms.summary.byEntity[stringifyEntityRef(entity)]} known />
          <Text variant="body-medium" color="secondary">
            (details on the Alarms tab)
          </Text>
        </Flex>
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
    </Flex>
  );
}
