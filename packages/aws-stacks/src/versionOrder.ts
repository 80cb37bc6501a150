/**
 * Orders engine versions newest first: 18.6 before 17.11, 8.4.11 before
 * 8.0.46, and an MSK 3.9.x before 3.9.0 (x reads as the newest patch).
 * Used by the version refresh and the lists' tests; not exported.
 */
const parts = (version: string) => version.split('.').map(part => (part === 'x' ? Infinity : Number(part)));

export function newestFirst(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
  }
  return 0;
}
