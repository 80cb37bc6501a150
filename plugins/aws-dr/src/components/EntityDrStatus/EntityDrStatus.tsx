import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { HeaderMetadataStatus } from '@backstage/ui';
import { worstVerdict } from '@internal/plugin-aws-dr-common';
import { useEntityDr } from '../useEntityDr';
import { VERDICT_STATUS, verdictLabel } from '../VerdictChip';

/**
 * The entity's DR verdict in the entity header, linked to the DR tab that
 * gives the reasons. The same answer the tab reads, so both agree.
 */
export function EntityDrStatus() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, error } = useEntityDr();
  const href = `${entityLink(entity)}/aws-dr`;
  if (error) return <HeaderMetadataStatus label="Unavailable" color="info" href={href} />;
  if (!value) return <HeaderMetadataStatus label="Reading…" color="info" />;
  if (!value.items.length) return <HeaderMetadataStatus label="No resources found" color="info" href={href} />;
  const verdict = worstVerdict(value.items.map(item => item.assessment.verdict));
  return (
    <span data-testid="dr-header-status" data-verdict={verdict}>
      <HeaderMetadataStatus label={verdictLabel(verdict)} color={VERDICT_STATUS[verdict]} href={href} />
    </span>
  );
}
