import Alert from '@mui/material/Alert';

/**
 * Says that a page shows the built-in demo account, not AWS.
 *
 * @public
 */
export function DemoDataNotice() {
  return (
    <Alert severity="info" data-testid="demo-data-notice" sx={{ mb: 2 }}>
      Demo data: no AWS account is configured, so this page shows the
      portal&apos;s built-in demo account. Add accounts under <code>aws</code>{' '}
      and <code>awsPortal</code> in the app config to see your own.
    </Alert>
  );
}
