import { mockServices } from '@backstage/backend-test-utils';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { Knex } from 'knex';
import { migrated, testDatabases } from '../__testUtils__/databases';
import { PartSchedule } from '../store/PartSchedule';
import { CollectionQueue, nextDueMs, type QueuedSource } from './CollectionQueue';

jest.setTimeout(60_000);

const databases = testDatabases();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const parts = (n: number): AccountRegion[] =>
  Array.from({ length: n }, (_, i) => ({ accountId: String(100000000000 + i), region: 'eu-west-1' }));

interface Run {
  replica: string;
  part: string;
  start: number;
  end: number;
}

/** A source whose parts take `ms` each to collect, logging which replica collected which part and when. */
function source(replica: string, log: Run[], ps: AccountRegion[], ms: number): QueuedSource {
  return {
    id: 'widgets',
    parts: ps,
    schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
    async collect(part) {
      const start = Date.now();
      await sleep(ms);
      log.push({ replica, part: part.accountId, start, end: Date.now() });
    },
  };
}

function queueOf(db: Knex, name: string, concurrency: number, leaseMs = 10_000) {
  return new CollectionQueue({
    schedule: new PartSchedule(db, name),
    logger: mockServices.logger.mock(),
    concurrency,
    leaseMs,
  });
}

/** Fills every queue every 50 ms (the poll, quickened) until `done`. */
async function pollUntil(queues: CollectionQueue[], done: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the queues');
    await Promise.all(queues.map(q => q.fill()));
    await sleep(50);
  }
}

describe('CollectionQueue', () => {
  it.each(databases.eachSupportedId())(
    'shares the due parts between replicas by room, each part once, on %p',
    async id => {
      const db = await migrated(await databases.init(id));
      const log: Run[] = [];
      const ps = parts(12);
      const a = queueOf(db, 'a', 2);
      const b = queueOf(db, 'b', 2);
      await a.add(source('a', log, ps, 200));
      await b.add(source('b', log, ps, 200));
      let most = 0;
      await pollUntil([a, b], () => {
        most = Math.max(most, a.active, b.active);
        return log.length >= 12;
      });
      await sleep(300);
      // Every part once, by either replica; neither ever held more than its room.
      expect(log.map(r => r.part).sort()).toEqual(ps.map(p => p.accountId).sort());
      expect(most).toBeLessThanOrEqual(2);
      const byA = log.filter(r => r.replica === 'a').length;
      expect(byA).toBeGreaterThanOrEqual(4);
      expect(byA).toBeLessThanOrEqual(8);
      // Not due again for an hour: more polls collect nothing.
      await pollUntil([a, b], () => true);
      await Promise.all([a.fill(), b.fill()]);
      await sleep(300);
      expect(log).toHaveLength(12);
      await Promise.all([a.stop(), b.stop()]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets another replica take the parts of one that stopped renewing, once their leases lapse, on %p',
    async id => {
      const db = await migrated(await databases.init(id));
      const ps = parts(2);
      // A replica that died holding both parts: claimed, never renewed nor released.
      const dead = new PartSchedule(db, 'dead');
      await dead.register('widgets', ps, 0);
      const held = await dead.claim(['widgets'], 2, 1500);
      expect(held).toHaveLength(2);

      const log: Run[] = [];
      const b = queueOf(db, 'b', 4);
      await b.add(source('b', log, ps, 10));
      const from = Date.now();
      await b.fill();
      await sleep(200);
      expect(log).toEqual([]);
      await pollUntil([b], () => log.length === 2);
      expect(Date.now() - from).toBeGreaterThanOrEqual(1400);
      // The dead replica's late release no longer touches the parts.
      expect(await dead.release(held[0], 0)).toBe(false);
      await b.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'hands the parts under way back as due when a replica stops, on %p',
    async id => {
      const db = await migrated(await databases.init(id));
      const ps = parts(1);
      const logA: Run[] = [];
      const a = queueOf(db, 'a', 1, 60_000);
      await a.add(source('a', logA, ps, 2_000));
      await a.fill();
      expect(a.active).toBe(1);
      await a.stop();
      const logB: Run[] = [];
      const b = queueOf(db, 'b', 1, 60_000);
      await b.add(source('b', logB, ps, 10));
      await pollUntil([b], () => logB.length === 1, 5_000);
      await b.stop();
    },
  );

  it.each(databases.eachSupportedId())('keeps due times over a restart and forgets parts no longer watched, on %p', async id => {
    const db = await migrated(await databases.init(id));
    const schedule = new PartSchedule(db, 'a');
    await schedule.register('widgets', parts(3), 3_600_000);
    expect(await schedule.claim(['widgets'], 3, 1000)).toEqual([]);
    await schedule.dueNow({ sourceId: 'widgets', ...parts(3)[2] });
    // The restart watches only the first two: the third is forgotten, the others keep their hour.
    await schedule.register('widgets', parts(2), 0);
    expect(await schedule.claim(['widgets'], 3, 1000)).toEqual([]);
    const [{ n }] = await db('aws_collection_schedule').count({ n: '*' });
    expect(Number(n)).toBe(2);
  });
});

describe('nextDueMs', () => {
  it('keeps the cadence of a frequency, takes the next cron time, or is never', () => {
    const fiveMinutes = { frequency: { minutes: 5 }, timeout: { minutes: 1 } };
    // Taken 4 s late: still due on the 5-minute cadence.
    expect(nextDueMs(fiveMinutes, 1_000, 5_000)).toBe(301_000);
    // Nobody ran for 12 minutes: the missed ticks are skipped, not made up.
    expect(nextDueMs(fiveMinutes, 1_000, 721_000)).toBe(901_000);
    const cron = nextDueMs({ frequency: { cron: '0 * * * *' }, timeout: { minutes: 1 } }, Date.now(), Date.now())!;
    expect(cron).toBeGreaterThan(Date.now());
    expect(new Date(cron).getUTCMinutes()).toBe(0);
    expect(nextDueMs({ frequency: { trigger: 'manual' }, timeout: { minutes: 1 } }, 1_000, 1_000)).toBeNull();
  });
});
