import { formatAge } from './age';

const now = new Date('2026-11-24T12:00:00Z');

describe('formatAge', () => {
  it.each([
    [undefined, 'never'],
    ['2026-11-24T11:59:30Z', 'just now'],
    ['2026-11-24T11:56:00Z', '4 min ago'],
    ['2026-11-24T09:00:00Z', '3 h ago'],
    ['2026-11-21T12:00:00Z', '3 days ago'],
    ['not a date', 'at an unknown time'],
  ])('says %s is %s', (iso, text) => {
    expect(formatAge(iso, now)).toBe(text);
  });
});
