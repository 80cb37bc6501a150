import type { AlarmCounts } from '@internal/plugin-aws-cloudwatch-common';
import { StatusBadge } from '@internal/plugin-aws-react';
import { Text } from '@backstage/ui';

/**
 * How many CloudWatch alarms of an entity are firing: a red badge when any
 * is in ALARM, an amber one for INSUFFICIENT_DATA, a dash when none watch it.
 */
export function AlarmCount(props: { counts?: AlarmCounts; known: boolean }) {
  const { counts, known } = props;
  if (!known) return null;
  const total = counts ? counts.ALARM + counts.INSUFFICIENT_DATA + counts.OK : 0;
  if (!counts || total === 0) {
    return (
      <Text as="span" variant="body-medium" color="secondary" aria-label="No alarms">
        —
      </Text>
    );
  }
  if (counts.ALARM > 0) {
    return <StatusBadge tone="danger">{`${counts.ALARM} in alarm`}</StatusBadge>;
  }
  if (counts.INSUFFICIENT_DATA > 0) {
    return (
      <StatusBadge tone="warning" outlined>
        {`${counts.INSUFFICIENT_DATA} no data`}
      </StatusBadge>
    );
  }
  return (
    <StatusBadge tone="success" outlined>
      {`${total} OK`}
    </StatusBadge>
  );
}
