import { Alert, Flex, Text } from '@backstage/ui';
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
    <Flex direction="column" gap="2" data-testid="data-freshness">
      {oldest && (
        <Text as="p" variant="body-medium" color="secondary">
          Collected {formatAge(oldest, now)} from {fresh.length} account
          {fresh.length === 1 ? '' : 's'} × region
          {fresh.length === 1 ? '' : 's'}.
        </Text>
      )}
      {accountRegions.length === 0 && (
        <Text as="p" variant="body-medium" color="secondary">
          Nothing collected yet; the first collection runs shortly after the
          backend starts.
        </Text>
      )}
      {stale.map(t => (
        <Alert
          status="warning"
          icon
          key={`${t.accountId}/${t.region}`}
          description={`${t.accountId} / ${t.region}: showing data collected ${formatAge(t.collectedAt, now)}. ${
            t.error ?? 'The data is older than the collection schedule allows.'
          }`}
        />
      ))}
    </Flex>
  );
}
