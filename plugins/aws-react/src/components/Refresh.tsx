import { ResponseError } from '@backstage/errors';
import { Button } from '@backstage/ui';
import { useState } from 'react';

/**
 * One collected item a card shows and can re-read from AWS on demand: the
 * item (the refreshed one once read), whether a refresh runs, and the
 * backend's sentence when it was refused (a refresh limit, an AWS error),
 * not the transport's status line.
 *
 * @public
 */
export function useItemRefresh<T>(initial: T, read: () => Promise<T>, onRefreshed: () => void) {
  const [item, setItem] = useState(initial);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<string>();
  const refresh = async () => {
    setRefreshing(true);
    setError(undefined);
    try {
      setItem(await read());
      onRefreshed();
    } catch (e) {
      setError(e instanceof ResponseError ? e.body.error.message : (e as Error).message);
    } finally {
      setRefreshing(false);
    }
  };
  return { item, refreshing, error, refresh };
}

/**
 * A card's Refresh button, disabled while its refresh runs.
 *
 * @public
 */
export function RefreshButton(props: { refreshing: boolean; onRefresh: () => void }) {
  return (
    <Button size="small" variant="secondary" onPress={props.onRefresh} isDisabled={props.refreshing}>
      {props.refreshing ? 'Refreshing…' : 'Refresh'}
    </Button>
  );
}
