import { mockServices } from '@backstage/backend-test-utils';
import type { AwsClientFactory, CollectContext, StoredItem } from '@internal/plugin-aws-node';

/** What the collection runner hands a source, for calling it directly. */
export function collectContext<T>(
  clients: AwsClientFactory,
  previous: Array<StoredItem<T>> = [],
  now = new Date(),
): CollectContext<T> & { logger: ReturnType<typeof mockServices.logger.mock> } {
  return { clients, previous, logger: mockServices.logger.mock(), now };
}

/** Items as the tables would hand them back on the next collection. */
export function stored<T>(
  items: T[],
  keyOf: (t: T) => string,
  where: (t: T) => { accountId: string; region: string },
  collectedAt = new Date().toISOString(),
): Array<StoredItem<T>> {
  return items.map(data => ({ key: keyOf(data), ...where(data), tags: {}, data, collectedAt }));
}
