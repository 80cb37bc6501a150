import type { ServiceStatus } from '@internal/plugin-ecs-health-common';
import { StatusBadge, type StatusTone } from '@internal/plugin-aws-react';

const TONE: Record<ServiceStatus, StatusTone> = {
  healthy: 'success',
  degraded: 'warning',
  failing: 'danger',
  'scaled-to-zero': 'neutral',
};

const LABEL: Record<ServiceStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failing: 'Failing',
  'scaled-to-zero': 'Scaled to zero',
};

export function statusLabel(status: ServiceStatus) {
  return LABEL[status];
}

export function StatusChip(props: { status: ServiceStatus }) {
  return <StatusBadge tone={TONE[props.status]}>{LABEL[props.status]}</StatusBadge>;
}
