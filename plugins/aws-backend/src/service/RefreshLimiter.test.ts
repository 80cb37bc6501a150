import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { RefreshLimiter, TooManyRequestsError } from './RefreshLimiter';

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

describe('RefreshLimiter', () => {
  it('allows one refresh per item per interval and a total per minute, through the cache service', async () => {
    let now = 0;
    const limiter = new RefreshLimiter(memoryCache(), 30_000, 3, () => now);
    await limiter.take('ecs-health', 'a', 'ECS service');
    const again = await refused(limiter.take('ecs-health', 'a', 'ECS service'));
    expect(again).toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 30,
      message: 'This ECS service was refreshed moments ago; try again in 30 s.',
    });
    now = 10_000;
    expect((await refused(limiter.take('ecs-health', 'a', 'ECS service'))).retryAfterSeconds).toBe(20);
    await limiter.take('ecs-health', 'b', 'ECS service');
    await limiter.take('ecs-health', 'c', 'ECS service');
    const full = await refused(limiter.take('ecs-health', 'd', 'ECS service'));
    expect(full.retryAfterSeconds).toBe(50);
    expect(full.message).toBe(
      'The portal takes 3 refreshes a minute and has had them; try again in 50 s.',
    );
    now = 60_001;
    await limiter.take('ecs-health', 'd', 'ECS service');
  });

  it('shares its counts with every limiter on the same cache (another replica)', async () => {
    const cache = memoryCache();
    const now = () => 1_000;
    await new RefreshLimiter(cache, 30_000, 30, now).take('ecs-health', 'a', 'ECS service');
    const other = new RefreshLimiter(cache, 30_000, 30, now);
    expect((await refused(other.take('ecs-health', 'a', 'ECS service'))).retryAfterSeconds).toBe(30);
  });
});
