import Chip from '@mui/material/Chip';
import type { ServiceStatus } from '@internal/plugin-ecs-health-common';

const COLOR: Record<ServiceStatus, 'success' | 'warning' | 'error' | 'default'> = {
  healthy: 'success',
  degraded: 'warning',
  failing: 'error',
  'scaled-to-zero': 'default',
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
  return (
    <Chip
      size="small"
      color={COLOR[props.status]}
      label={LABEL[props.status]}
      variant={props.status === 'scaled-to-zero' ? 'outlined' : 'filled'}
    />
  );
}
