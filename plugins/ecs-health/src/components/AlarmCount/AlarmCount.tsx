import type { AlarmCounts } from '@internal/plugin-aws-cloudwatch-common';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';

/**
 * How many CloudWatch alarms of an entity are firing: a red chip when any
 * is in ALARM, an amber one for INSUFFICIENT_DATA, a dash when none watch it.
 */
export function AlarmCount(props: { counts?: AlarmCounts; known: boolean }) {
  const { counts, known } = props;
  if (!known) return null;
  const total = counts ? counts.ALARM + counts.INSUFFICIENT_DATA + counts.OK : 0;
  if (!counts || total === 0) {
    return (
      <Typography variant="body2" color="text.secondary" aria-label="No alarms">
        —
      </Typography>
    );
  }
  if (counts.ALARM > 0) {
    return <Chip size="small" color="error" label={`${counts.ALARM} in alarm`} />;
  }
  if (counts.INSUFFICIENT_DATA > 0) {
    return <Chip size="small" color="warning" variant="outlined" label={`${counts.INSUFFICIENT_DATA} no data`} />;
  }
  return <Chip size="small" color="success" variant="outlined" label={`${total} OK`} />;
}
