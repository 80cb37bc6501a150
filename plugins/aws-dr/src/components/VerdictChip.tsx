import type { DrVerdict } from '@internal/plugin-aws-dr-common';
import Chip from '@mui/material/Chip';

const LOOK: Record<DrVerdict, { label: string; color: 'error' | 'warning' | 'success' | 'default' }> = {
  breached: { label: 'Breached', color: 'error' },
  'at-risk': { label: 'At risk', color: 'warning' },
  meets: { label: 'Meets', color: 'success' },
  'no-target': { label: 'No target', color: 'default' },
};

/** @public */
export const verdictLabel = (v: DrVerdict) => LOOK[v].label;

/** A DR verdict as a coloured chip. */
export function VerdictChip(props: { verdict: DrVerdict }) {
  const { label, color } = LOOK[props.verdict];
  return <Chip size="small" label={label} color={color} data-verdict={props.verdict} />;
}
