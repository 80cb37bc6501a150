import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatAge } from '../age';

/**
 * The freshness of one account × region, as the backends report it.
 *
 * @public
 */
export interface AccountRegionFreshness {
  accountId: string;
  region: string;
  collectedAt?: string;
  error?: string;
  stale: boolean;
}

/**
 * When the data on a page was collected, and a warning for each account ×
 * region whose data is stale, with the reason in a sentence.
 *
 * @public
 */
export function DataFreshness(props: {
  accountRegions: AccountRegionFreshness[];
  now?: Date;
}) {
  const { accountRegions, now } = props;
  const fresh = accountRegions.filter(t => !t.stale && t.collectedAt);
  const oldest = fresh
    .map(t => t.collectedAt!)
    .sort()
    .at(0);
  const stale = accountRegions.filter(t => t.stale);
  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="data-freshness">
      {oldest && (
        <Typography variant="body2" color="text.secondary">
          Collected {formatAge(oldest, now)} from {fresh.length} account
          {fresh.length === 1 ? '' : 's'} × region
          {fresh.length === 1 ? '' : 's'}.
        </Typography>
      )}
      {accountRegions.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing collected yet; the first collection runs shortly after the
          backend starts.
        </Typography>
      )}
      {stale.map(t => (
        <Alert severity="warning" key={`${t.accountId}/${t.region}`}>
          {t.accountId} / {t.region}: showing data collected{' '}
          {formatAge(t.collectedAt, now)}.{' '}
          {t.error ?? 'The data is older than the collection schedule allows.'}
        </Alert>
      ))}
    </Stack>
  );
}
