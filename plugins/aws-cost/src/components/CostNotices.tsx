import { ResponseErrorPanel } from '@backstage/core-components';
import type { ResponseError } from '@backstage/errors';
import type { AllocationTagStatus, CostCenterRow } from '@internal/plugin-aws-cost-common';
import { formatAge } from '@internal/plugin-aws-react';
import { Alert, Text } from '@backstage/ui';

/**
 * Says which platform tags are not active cost allocation tags, and how to
 * activate them: Cost Explorer groups only by active ones.
 */
export function InactiveTagsNotice({ tags }: { tags: AllocationTagStatus[] }) {
  if (tags.length === 0) return null;
  const costCenter = tags.find(t => t.key === 'CostCenter');
  const keys = tags.map(t => t.key);
  return (
    <Alert
      status={costCenter ? 'danger' : 'info'}
      icon
      data-testid="inactive-tags"
      description={
        <>
          {costCenter
            ? 'CostCenter is not an active cost allocation tag, so Cost Explorer shows all spend as untagged. '
            : `${keys.join(', ')} ${keys.length === 1 ? 'is not an active cost allocation tag' : 'are not active cost allocation tags'}: Cost Explorer cannot group spend by ${keys.length === 1 ? 'it' : 'them'}. `}
          Activate {keys.length === 1 ? 'it' : 'them'} in the payer account (Billing and Cost Management → Cost allocation
          tags), or run <code>aws ce update-cost-allocation-tags-status --cost-allocation-tags-status{' '}
          {keys.map(k => `TagKey=${k},Status=Active`).join(' ')}</code>. Cost Explorer groups by a tag from the day it
          is activated.
          {tags.some(t => t.status === 'Missing') &&
            ` ${tags.filter(t => t.status === 'Missing').map(t => t.key).join(', ')}: not seen on any resource yet, so it cannot be activated until a tagged resource reports usage.`}
        </>
      }
    />
  );
}

/** How old Cost Explorer's figures are; they change about three times a day. */
export function CostDataAge({ dataAsOf }: { dataAsOf?: string }) {
  if (!dataAsOf) return null;
  return (
    <Text as="p" variant="body-medium" color="secondary" data-testid="cost-data-age">
      Cost Explorer figures read {formatAge(dataAsOf)}; each query runs at most once a day (USD 0.01 a request), and
      AWS updates its figures about three times a day.
    </Text>
  );
}

/**
 * The Cost Explorer queries whose last run failed: their figures are those
 * of their last success, and the sentence says why and what happens next.
 */
export function StaleQueriesNotice({ queries }: { queries: CostCenterRow['staleQueries'] }) {
  const unique = [...new Map(queries.map(q => [q.query, q])).values()];
  if (unique.length === 0) return null;
  return (
    <Alert
      status="warning"
      icon
      data-testid="stale-queries"
      description={
        <>
          {unique.map(q => (
            <Text as="p" variant="body-medium" key={q.query}>
              {q.message}{' '}
              {q.lastSuccess
                ? `Its figures are from ${formatAge(q.lastSuccess)}.`
                : 'It has not answered yet, so its figures are missing.'}
            </Text>
          ))}
        </>
      }
    />
  );
}

/**
 * A refusal (403) as the sentence the backend gave, in place of the data;
 * any other failure as Backstage's error panel.
 */
export function CostError({ error }: { error: Error }) {
  const status = (error as Partial<ResponseError>).response?.status;
  if (status === 403 || status === 404) {
    return (
      <Alert status="info" icon data-testid="cost-refused" description={(error as ResponseError).body?.error?.message ?? error.message} />
    );
  }
  return <ResponseErrorPanel error={error} title="Cost cannot be shown" />;
}

/**
 * Says that an entity's claim on a cost center is not verified: its owner
 * does not hold the cost center in the portal's configuration, so the
 * owner does not see its cost (finance and the holders do).
 */
export function UnverifiedClaimNotice({ entityRef, details }: { entityRef: string; details: Array<{ costCenter: string; unverifiedEntityRefs?: string[] }> }) {
  const claimed = details.filter(d => d.unverifiedEntityRefs?.includes(entityRef)).map(d => d.costCenter);
  if (claimed.length === 0) return null;
  return (
    <Alert
      status="warning"
      icon
      data-testid="unverified-claim"
      description={`Unverified: this entity claims cost center ${claimed.join(', ')}, which its owner does not hold in awsPortal.cost.costCenters. Its cost is shown to finance and to the groups that hold the cost center, not to the entity's owner.`}
    />
  );
}
