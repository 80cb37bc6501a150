import type { AlarmState } from '@internal/plugin-aws-cloudwatch-common';
import Chip from '@mui/material/Chip';

const LOOK: Record<AlarmState, { label: string; color: 'error' | 'warning' | 'success' }> = {
  ALARM: { label: 'In alarm', color: 'error' },
  INSUFFICIENT_DATA: { label: 'Insufficient data', color: 'warning' },
  OK: { label: 'OK', color: 'success' },
};

/** @public */
export function alarmStateLabel(state: AlarmState): string {
  return LOOK[state].label;
}

/** An alarm's state as a coloured chip. */
export function AlarmStateChip({ state }: { state: AlarmState }) {
  const look = LOOK[state];
  return <Chip size="small" label={look.label} color={look.color} variant={state === 'OK' ? 'outlined' : 'filled'} />;
}
