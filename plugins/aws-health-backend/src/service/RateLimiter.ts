/**
 * Limits user-requested refreshes: one per key per interval, and a total per
 * minute across all keys.
 */
export class RateLimiter {
  private readonly lastByKey = new Map<string, number>();
  private recent: number[] = [];

  constructor(
    private readonly perKeyIntervalMs: number,
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Returns 0 when allowed (and counts it), else the ms to wait. */
  take(key: string): number {
    const now = this.clock();
    const last = this.lastByKey.get(key);
    if (last !== undefined && now - last < this.perKeyIntervalMs) {
      return this.perKeyIntervalMs - (now - last);
    }
    this.recent = this.recent.filter(t => now - t < 60_000);
    if (this.recent.length >= this.perMinute) {
      return 60_000 - (now - this.recent[0]);
    }
    this.recent.push(now);
    this.lastByKey.set(key, now);
    return 0;
  }
}
