import { Alert } from '@backstage/ui';

/**
 * Says that a page shows the built-in demo account, not AWS.
 *
 * @public
 */
export function DemoDataNotice() {
  return (
    <Alert
      status="info"
      icon
      data-testid="demo-data-notice"
      description={
        <>
          Demo data: no AWS account is configured, so this page shows the portal&apos;s built-in demo account. Add
          accounts under <code>aws</code> and <code>awsPortal</code> in the app config to see your own.
        </>
      }
    />
  );
}
