/** A daily window, hh:mm-hh:mm (UTC). */
export const WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
/** A weekly window, ddd:hh:mm-ddd:hh:mm (UTC). */
export const WEEKLY_WINDOW = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 24 * 60;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A weekly window as [start, end) minutes of the week (the end may pass the week's end); undefined if it is not one. */
export function weeklyRange(window: string): [number, number] | undefined {
  if (!WEEKLY_WINDOW.test(window)) return undefined;
  const [from, to] = window.split('-').map(part => DAYS.indexOf(part.slice(0, 3)) * 24 * 60 + minutesOf(part.slice(4)));
  return [from, to > from ? to : to + WEEK];
}

/** Whether a daily window (hh:mm-hh:mm) meets a weekly one on any day; false if it is not a daily window. */
export function dailyMeetsWeekly(daily: string, weekly: [number, number]): boolean {
  if (!WINDOW.test(daily)) return false;
  const [from, to] = daily.split('-').map(minutesOf);
  const length = (to - from + 24 * 60) % (24 * 60);
  for (let day = -1; day <= 7; day++) {
    const start = day * 24 * 60 + from;
    if (start < weekly[1] && weekly[0] < start + length) return true;
  }
  return false;
}
