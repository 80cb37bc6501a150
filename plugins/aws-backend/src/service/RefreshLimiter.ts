import type { CacheService } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';

/**
 * A request refused because the caller must wait: answered with status 429
 * and a Retry-After header.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;

  constructor(
    message: string,
    /** Whole seconds until a retry can succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const MINUTE = 60_000;

/**
 * Limits user-requested refreshes: one per item per interval, and a total
 * per minute across all items. The counts live in Backstage's cache service,
 * so with a shared store (e.g. Redis) the limits hold across replicas. The
 * cache has no atomic increment: two replicas refreshing at the same instant
 * may both pass, which lets at most one extra call through per replica.
 */
export class RefreshLimiter {
  constructor(
    private readonly cache: CacheService,
    private readonly perItemIntervalMs: number,
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one refresh of `key`, or throws TooManyRequestsError. */
  async take(sourceId: string, key: string, noun: string): Promise<void> {
    const now = this.clock();
    const itemKey = `refresh:${sourceId}:${key}`;
    const last = await this.cache.get<number>(itemKey);
    if (last !== undefined && now - last < this.perItemIntervalMs) {
      const seconds = Math.ceil((this.perItemIntervalMs - (now - last)) / 1000);
      throw new TooManyRequestsError(
        `This ${noun} was refreshed moments ago; try again in ${seconds} s.`,
        seconds,
      );
    }
    const window = Math.floor(now / MINUTE);
    const windowKey = `refresh-minute:${window}`;
    const count = (await this.cache.get<number>(windowKey)) ?? 0;
    if (count >= this.perMinute) {
      const seconds = Math.ceil(((window + 1) * MINUTE - now) / 1000);
      throw new TooManyRequestsError(
        `The portal takes ${this.perMinute} refreshes a minute and has had them; try again in ${seconds} s.`,
        seconds,
      );
    }
    await Promise.all([
      this.cache.set(windowKey, count + 1, { ttl: MINUTE }),
      this.cache.set(itemKey, now, { ttl: this.perItemIntervalMs }),
    ]);
  }
}
