import type { AlarmState } from '@internal/plugin-aws-cloudwatch-common';
import { StatusBadge, type StatusTone } from '@internal/plugin-aws-react';

const LOOK: Record<AlarmState, { label: string; tone: StatusTone }> = {
  ALARM: { label: 'In alarm', tone: 'danger' },
  INSUFFICIENT_DATA: { label: 'Insufficient data', tone: 'warning' },
  OK: { label: 'OK', tone: 'success' },
};

/** @public */
export function alarmStateLabel(state: AlarmState): string {
  return LOOK[state].label;
}

/** An alarm's state as a coloured badge; OK is outlined so that firing ones stand out. */
export function AlarmStateChip({ state }: { state: AlarmState }) {
  const look = LOOK[state];
  return (
    <StatusBadge tone={look.tone} outlined={state === 'OK'}>
      {look.label}
    </StatusBadge>
  );
}
