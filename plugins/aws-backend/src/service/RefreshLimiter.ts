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
 * The refresh limits, from `awsPortal.refresh`.
 *
 * @public
 */
export interface RefreshLimits {
  /** Least time between two refreshes of one item, by anyone. */
  perItemIntervalMs: number;
  /** Refreshes one user may ask for in a minute, across all items. */
  perUserPerMinute: number;
}

/**
 * Reads `awsPortal.refresh` (validated by the plugin's config schema).
 *
 * @public
 */
export function readRefreshLimits(config: {
  getOptionalNumber(key: string): number | undefined;
}): RefreshLimits {
  const positive = (key: string, fallback: number) => {
    const value = config.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${key} must be a positive number, not ${value}.`);
    }
    return value;
  };
  return {
    perItemIntervalMs: positive('awsPortal.refresh.perItemIntervalSeconds', 30) * 1000,
    perUserPerMinute: Math.floor(positive('awsPortal.refresh.perUserPerMinute', 30)),
  };
}

/**
 * Limits user-requested refreshes: one per item per interval (whoever asks:
 * that is what AWS sees), and a budget per user and minute, so that one
 * person cannot spend everyone's. The router charges a refresh only once it
 * has found the item. The counts live in Backstage's cache service, so with
 * a shared store (Redis) the limits hold across replicas. The cache has no
 * atomic increment: two replicas refreshing at the same instant may both
 * pass, which lets at most one extra call through per replica.
 */
export class RefreshLimiter {
  constructor(
    private readonly cache: CacheService,
    private readonly limits: RefreshLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one refresh of `key` by `userRef`, or throws TooManyRequestsError. */
  async take(sourceId: string, key: string, noun: string, userRef: string): Promise<void> {
    const { perItemIntervalMs, perUserPerMinute } = this.limits;
    const now = this.clock();
    const itemKey = `refresh:${sourceId}:${key}`;
    const last = await this.cache.get<number>(itemKey);
    if (last !== undefined && now - last < perItemIntervalMs) {
      const seconds = Math.ceil((perItemIntervalMs - (now - last)) / 1000);
      throw new TooManyRequestsError(
        `This ${noun} was refreshed moments ago; try again in ${seconds} s.`,
        seconds,
      );
    }
    const window = Math.floor(now / MINUTE);
    const userKey = `refresh-user:${userRef}:${window}`;
    const count = (await this.cache.get<number>(userKey)) ?? 0;
    if (count >= perUserPerMinute) {
      const seconds = Math.ceil(((window + 1) * MINUTE - now) / 1000);
      throw new TooManyRequestsError(
        `You have had your ${perUserPerMinute} refreshes for this minute; try again in ${seconds} s.`,
        seconds,
      );
    }
    await Promise.all([
      this.cache.set(userKey, count + 1, { ttl: MINUTE }),
      this.cache.set(itemKey, now, { ttl: perItemIntervalMs }),
    ]);
  }
}
