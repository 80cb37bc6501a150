import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
  it('allows one request per key per interval and a total per minute', () => {
    let now = 0;
    const limiter = new RateLimiter(30_000, 3, () => now);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(30_000);
    now = 10_000;
    expect(limiter.take('a')).toBe(20_000);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('c')).toBe(0);
    expect(limiter.take('d')).toBe(50_000);
    now = 60_001;
    expect(limiter.take('d')).toBe(0);
  });
});
