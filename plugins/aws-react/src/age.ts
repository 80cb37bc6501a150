/**
 * How long ago an ISO time was, the way people say it: `just now`,
 * `4 min ago`, `3 h ago`, `2 days ago`.
 *
 * @public
 */
export function formatAge(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return 'never';
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return 'at an unknown time';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
