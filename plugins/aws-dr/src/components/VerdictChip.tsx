import type { DrVerdict } from '@internal/plugin-aws-dr-common';
import { StatusBadge, type StatusTone } from '@internal/plugin-aws-react';

const LOOK: Record<DrVerdict, { label: string; tone: StatusTone }> = {
  breached: { label: 'Breached', tone: 'danger' },
  'at-risk': { label: 'At risk', tone: 'warning' },
  meets: { label: 'Meets', tone: 'success' },
  'no-target': { label: 'No target', tone: 'neutral' },
};

/** @public */
export const verdictLabel = (v: DrVerdict) => LOOK[v].label;

/** A verdict's Backstage UI status colour, for alerts and the header's status (which have no neutral). */
export const VERDICT_STATUS = { breached: 'danger', 'at-risk': 'warning', meets: 'success', 'no-target': 'info' } as const;

/** A DR verdict as a coloured badge. */
export function VerdictChip(props: { verdict: DrVerdict }) {
  const { label, tone } = LOOK[props.verdict];
  return (
    <StatusBadge tone={tone} data-verdict={props.verdict}>
      {label}
    </StatusBadge>
  );
}
