import { collectionSchedule, staleAfterMs } from './schedule';

const dr = { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 5 } };

describe('collectionSchedule', () => {
  it('collects the demo account once a minute, keeping the collector’s initial delay', () => {
    const schedule = collectionSchedule({ collectorDefault: dr, demo: true });
    expect(schedule).toEqual({ frequency: { minutes: 1 }, timeout: { minutes: 1 }, initialDelay: { seconds: 5 } });
    expect(staleAfterMs(schedule)).toBe(3 * 60_000);
  });

  it('collects AWS on the collector’s own schedule', () => {
    expect(collectionSchedule({ collectorDefault: dr, demo: false })).toBe(dr);
    expect(staleAfterMs(dr)).toBe(90 * 60_000);
  });

  it('takes a configured schedule over both', () => {
    const configured = { frequency: { hours: 2 }, timeout: { minutes: 5 } };
    expect(collectionSchedule({ configured, collectorDefault: dr, demo: true })).toBe(configured);
    expect(collectionSchedule({ configured, collectorDefault: dr, demo: false })).toBe(configured);
  });

  it('counts a cron schedule as five minutes for staleness', () => {
    expect(staleAfterMs({ frequency: { cron: '0 * * * *' }, timeout: { minutes: 5 } })).toBe(15 * 60_000);
  });
});
