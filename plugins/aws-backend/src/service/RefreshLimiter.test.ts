import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { RefreshLimiter, readRefreshLimits, TooManyRequestsError } from './RefreshLimiter';

function memoryCache() {
  return CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('aws');
}

async function refused(p: Promise<void>): Promise<TooManyRequestsError> {
  const error = await p.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(TooManyRequestsError);
  return error;
}

describe('readRefreshLimits', () => {
  it('reads the limits with their defaults and refuses a limit that is not positive', () => {
    const config = (refresh: object) => new ConfigReader({ awsPortal: { refresh } });
    expect(readRefreshLimits(config({}))).toEqual({ perItemIntervalMs: 30_000, perUserPerMinute: 30 });
    expect(readRefreshLimits(config({ perItemIntervalSeconds: 5, perUserPerMinute: 2 }))).toEqual({
      perItemIntervalMs: 5_000,
      perUserPerMinute: 2,
    });
    expect(() => readRefreshLimits(config({ perUserPerMinute: 0 }))).toThrow(
      'awsPortal.refresh.perUserPerMinute must be a positive number, not 0.',
    );
  });
});

describe('RefreshLimiter', () => {
  it('allows one refresh per item per interval and a budget per user and minute, through the cache service', async () => {
    let now = 0;
    const limiter = new RefreshLimiter(memoryCache(), { perItemIntervalMs: 30_000, perUserPerMinute: 3 }, () => now);
    await limiter.take('ecs-health', 'a', 'ECS service', 'user:default/ann');
    const again = await refused(limiter.take('ecs-health', 'a', 'ECS service', 'user:default/ann'));
    expect(again).toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 30,
      message: 'This ECS service was refreshed moments ago; try again in 30 s.',
    });
    now = 10_000;
    expect((await refused(limiter.take('ecs-health', 'a', 'ECS service', 'user:default/ann'))).retryAfterSeconds).toBe(20);
    await limiter.take('ecs-health', 'b', 'ECS service', 'user:default/ann');
    await limiter.take('ecs-health', 'c', 'ECS service', 'user:default/ann');
    const full = await refused(limiter.take('ecs-health', 'd', 'ECS service', 'user:default/ann'));
    expect(full.retryAfterSeconds).toBe(50);
    expect(full.message).toBe('You have had your 3 refreshes for this minute; try again in 50 s.');
    // Another user's budget is their own.
    await limiter.take('ecs-health', 'd', 'ECS service', 'user:default/bob');
    now = 60_001;
    await limiter.take('ecs-health', 'e', 'ECS service', 'user:default/ann');
  });

  it('shares its counts with every limiter on the same cache (another replica)', async () => {
    const cache = memoryCache();
    const now = () => 1_000;
    await new RefreshLimiter(cache, { perItemIntervalMs: 30_000, perUserPerMinute: 30 }, now).take('ecs-health', 'a', 'ECS service', 'user:default/ann');
    const other = new RefreshLimiter(cache, { perItemIntervalMs: 30_000, perUserPerMinute: 30 }, now);
    expect((await refused(other.take('ecs-health', 'a', 'ECS service', 'user:default/ann'))).retryAfterSeconds).toBe(30);
  });
});
