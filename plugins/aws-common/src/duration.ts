const SHORT = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i;
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i;
const UNIT_MINUTES: Record<string, number> = { m: 1, min: 1, h: 60, d: 1440 };

/**
 * Parses a recovery objective such as `15m`, `4h`, `1d` or the ISO 8601 forms
 * `PT15M`, `PT4H`, `P1D` into whole minutes. Returns undefined when the text
 * is not such a duration or is zero.
 *
 * @public
 */
export function parseObjectiveMinutes(text: string): number | undefined {
  const value = text.trim();
  const short = SHORT.exec(value);
  if (short) {
    const minutes = Math.round(
      Number(short[1]) * UNIT_MINUTES[short[2].toLowerCase()],
    );
    return minutes > 0 ? minutes : undefined;
  }
  const iso = ISO.exec(value);
  if (iso && value.length > 2 && !value.toUpperCase().endsWith('T')) {
    const [, days, hours, mins] = iso;
    const minutes =
      Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(mins ?? 0);
    return minutes > 0 ? minutes : undefined;
  }
  return undefined;
}

/**
 * Formats minutes the way people write recovery objectives: `15m`, `4h`,
 * `1d 2h`.
 *
 * @public
 */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days ? `${days}d` : '',
    hours ? `${hours}h` : '',
    mins ? `${mins}m` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}
