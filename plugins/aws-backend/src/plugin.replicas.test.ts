/*
 * Two replicas of the AWS backend as processes of their own on one
 * PostgreSQL and one Redis, as in production (src/__testUtils__/
 * replicaHarness.ts): Backstage's real database, scheduler, cache,
 * httpRouter and lifecycle services and the real plugin; only the catalog
 * and sign-in are mocked, and "AWS" is an HTTP server in this process that
 * logs every read with the replica that made it. Six parts (2 accounts × 3
 * regions), each a row of the schedule the replicas share.
 *
 *   PORTAL_TEST_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432)
 *   PORTAL_TEST_REDIS_URL (redis://127.0.0.1:6379)
 *
 * The tests run in order on the same two replicas; the last one kills one.
 */
import {
  ReplicaHarness,
  collections,
  groupBy,
  overlappingCollections,
  partKey,
  perReplica,
  sleep,
  waitFor,
} from './__testUtils__/replicaHarness';

/**
 * A part is due every period and taken at the first poll after, so two
 * collections of a part are at least FREQUENCY − POLL = 10 s apart: longer
 * than the answers' cache (5 s), so that a replica that did not collect has
 * caught up before the next one.
 */
const FREQUENCY_S = 15;
const TIMEOUT_S = 15;
/** How often each replica looks at the schedule for due parts and lapsed leases. */
const POLL_S = 5;
/** How long a dead replica's lease on a part outlives it. */
const LEASE_S = 10;
/** How long each collection's read of the cloud takes (a refresh's is at once). */
const READ_MS = 2000;
/** How long a replica serves its built answers before asking the tables for news (SourceRuntime). */
const ANSWER_CACHE_S = 5;
/** The budget per user this run configures. */
const PER_USER_PER_MINUTE = 2;

const ANN = 'user:default/ann';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';

let harness: ReplicaHarness;
/** When both replicas first served every part: the start of the steady-state window. */
let steadyFrom = 0;

beforeAll(async () => {
  harness = await ReplicaHarness.start({
    replicas: 2,
    frequencySeconds: FREQUENCY_S,
    timeoutSeconds: TIMEOUT_S,
    perUserPerMinute: PER_USER_PER_MINUTE,
    perItemIntervalSeconds: 1,
    pollSeconds: POLL_S,
    leaseSeconds: LEASE_S,
    // A tick is 6 parts × 2 s / 2 at a time = 6 s of work for one replica,
    // longer than a poll: the other replica's poll always falls inside it
    // and takes its share. (With instant reads the first replica to look
    // would rightly do it all.)
    concurrency: 2,
    readDelayMs: READ_MS,
  });
}, 200_000);

afterAll(async () => {
  await harness?.stop();
}, 60_000);

const reads = () => harness.cloud.reads;

/** Fails with the replicas' last output, so that a crash or a stuck scheduler shows. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${harness.outputs()}`);
  }
}

it('serves every part from both replicas once collected', async () => {
  const answers = await explained(() =>
    waitFor(
      'both replicas to serve the 12 widgets of the 6 parts',
      async () => {
        const both = await Promise.all([harness.fleet(0), harness.fleet(1)]);
        return both.every(a => a.body?.items.length === 12) ? both : undefined;
      },
      (FREQUENCY_S + POLL_S + 5) * 1000,
    ),
  );
  steadyFrom = Date.now();
  for (const answer of answers) {
    expect(answer.body!.accountRegions.map(p => `${p.accountId}/${p.region}`).sort()).toEqual(harness.parts.map(partKey).sort());
  }
}, 60_000);

it('answers the same snapshot from both replicas within one tick of a collection', async () => {
  const before = Date.now();
  const collectedAt = await explained(() => harness.nextTick(before));
  const agreed = await explained(() =>
    waitFor(
      'both replicas to serve the same fleet answer after a collection',
      async () => {
        const [a, b] = await Promise.all([harness.fleet(0), harness.fleet(1)]);
        const fresh = Date.parse(a.body?.generatedAt ?? '') >= before - 1000;
        return fresh && a.etag === b.etag && a.text === b.text ? { a, b, at: Date.now() } : undefined;
      },
      FREQUENCY_S * 1000,
      100,
    ),
  );
  expect(agreed.at - collectedAt).toBeLessThanOrEqual(FREQUENCY_S * 1000);
  expect(agreed.a.body).toEqual(agreed.b.body);
  expect(agreed.a.body!.items).toHaveLength(12);
  expect(agreed.a.body!.accountRegions).toHaveLength(6);
  expect(agreed.a.body!.accountRegions.filter(p => p.error)).toEqual([]);
}, 60_000);

it('shows a refresh asked of one replica on the other', async () => {
  const part = harness.parts[0];
  // Right after a collection of the part the next one is at least
  // FREQUENCY − POLL − READ = 8 s away, longer than replica B's answer cache: what
  // B shows below can only have come from A's refresh through the tables.
  await explained(() => harness.nextCollection(part, Date.now()));
  harness.cloud.setWidgets(part, [
    { name: 'billing', state: 'broken' },
    { name: 'checkout', state: 'ok' },
  ]);
  const refreshed = await harness.refresh(0, harness.keyOf(part, 'billing'), CAROL);
  const refreshedAt = Date.now();
  expect(refreshed.status).toBe(200);
  const item = refreshed.body!.item;
  expect(item).toMatchObject({ name: 'billing', state: 'broken', verdict: 'needs care' });

  const seenAt = await explained(() =>
    waitFor(
      'replica B to show the widget replica A refreshed',
      async () => {
        const answer = await harness.entity(1, 'billing');
        const shown = answer.body?.items.find(d => d.state === 'broken');
        return shown?.collectedAt === item.collectedAt ? Date.now() : undefined;
      },
      (ANSWER_CACHE_S + 5) * 1000,
      100,
    ),
  );
  expect(seenAt - refreshedAt).toBeLessThanOrEqual((ANSWER_CACHE_S + 1) * 1000);
  // Not by a collection in between.
  expect(reads().filter(r => r.kind === 'collect' && r.part === partKey(part) && r.startedAt > refreshedAt && r.startedAt < seenAt)).toEqual([]);
}, 60_000);

it('shares each user’s refresh budget across replicas and charges only found items', async () => {
  const [, p1, p2, p3] = harness.parts;
  // The budget is per minute of the clock: keep these requests in one minute.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await sleep(60_000 - intoMinute + 200);
  const asked = harness.cloud.refreshes;

  const unknownKey = harness.keyOf(p1, 'no-such-widget');
  const unknown = await harness.refresh(0, unknownKey, ANN);
  expect(unknown.status).toBe(404);
  expect(unknown.error).toBe(`The portal knows no widget ${unknownKey}.`);

  expect((await harness.refresh(0, harness.keyOf(p1), ANN)).status).toBe(200);
  expect((await harness.refresh(1, harness.keyOf(p2), ANN)).status).toBe(200);
  for (const i of [0, 1]) {
    const refused = await harness.refresh(i, harness.keyOf(p3), ANN);
    expect(refused.status).toBe(429);
    expect(refused.error).toMatch(
      new RegExp(`^You have had your ${PER_USER_PER_MINUTE} refreshes for this minute; try again in \\d+ s\\.$`),
    );
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
  }
  // Another user's budget is their own.
  const bobs = await harness.refresh(1, harness.keyOf(p3), BOB);
  expect(bobs.status).toBe(200);
  expect(bobs.body!.item).toMatchObject({ name: 'billing', state: 'ok' });
  // Only the three refreshes that passed reached the cloud.
  expect(harness.cloud.refreshes - asked).toBe(3);
}, 30_000);

it('collects each part once per tick across both replicas, and both replicas collect', async () => {
  // A window of whole ticks: a part's collections start at most one poll
  // after it falls due, so such a window holds at most ticks + 1 of them.
  const ticks = 4;
  const to = steadyFrom + ticks * FREQUENCY_S * 1000;
  if (Date.now() < to + 1000) await sleep(to + 1000 - Date.now());
  const window = collections(reads(), steadyFrom).filter(r => r.startedAt < to);

  expect(overlappingCollections(reads())).toEqual([]);
  const byPart = groupBy(window, r => r.part);
  const counts = harness.parts.map(part => ({ part: partKey(part), collections: byPart.get(partKey(part))?.length ?? 0 }));
  expect(counts.filter(c => c.collections < 2 || c.collections > ticks + 1)).toEqual([]);
  // Two replicas collecting a part in one tick would start milliseconds apart.
  const tooClose = [...byPart.values()].flatMap(list => {
    const starts = list.map(r => r.startedAt).sort((a, b) => a - b);
    return starts.slice(1).map((start, i) => ({ part: list[0].part, apartMs: start - starts[i] }));
  });
  expect(tooClose.filter(g => g.apartMs < (FREQUENCY_S - POLL_S - 1) * 1000)).toEqual([]);
  const spread = perReplica(window, harness.replicas);
  // eslint-disable-next-line no-console
  console.log(`Collections per replica over ${ticks} ticks: A ${spread.A}, B ${spread.B}`);
  expect(spread.A).toBeGreaterThan(0);
  expect(spread.B).toBeGreaterThan(0);
  expect(spread.A + spread.B).toBe(window.length);
}, 90_000);

it('goes on collecting on the other replica when one is killed in the middle of collecting a part', async () => {
  const held = harness.parts[5];
  const others = harness.parts.filter(p => p !== held);
  // Its replica dies holding the part's lease, its collection under way.
  const { victim, hanging, killedAt } = await explained(() => harness.killWhileCollecting(held));
  const survivor = harness.replicas[1 - victim];
  expect(hanging.aborted).toBe(true);

  // Meanwhile the survivor serves every item, the held part's last ones too.
  const during = await harness.fleet(1 - victim);
  expect(during.body!.items).toHaveLength(12);

  // The lease lapses LEASE_S after its last renewal; the survivor takes
  // the part at its next poll.
  const recovered = await explained(() =>
    waitFor(
      `${survivor.name} to collect ${partKey(held)}, which the killed replica held`,
      () => collections(reads(), killedAt).find(r => r.part === partKey(held)),
      (LEASE_S + POLL_S + 20) * 1000,
      250,
    ),
  );
  const recoveryMs = recovered.endedAt! - killedAt;
  // eslint-disable-next-line no-console
  console.log(`${partKey(held)} was collected again ${(recoveryMs / 1000).toFixed(1)} s after its replica was killed`);
  expect(recovered.replica).toBe(survivor.name);
  // Renewed every LEASE_S / 3, so it lapses at most LEASE_S after the kill;
  // then a poll, the 2 s read, and slack for a machine busy with other tests
  // (far below the minute the scheduler's janitor took).
  expect(recoveryMs).toBeLessThanOrEqual((LEASE_S + POLL_S + READ_MS / 1000 + 8) * 1000);

  // The other parts went on at every tick, on the survivor.
  const outage = collections(reads(), killedAt, recovered.startedAt);
  const outageTicks = Math.floor((recovered.startedAt - killedAt) / (FREQUENCY_S * 1000));
  const outageCounts = others.map(part => ({
    part: partKey(part),
    collections: outage.filter(r => r.part === partKey(part)).length,
  }));
  expect(outageCounts.filter(c => c.collections < outageTicks - 1)).toEqual([]);
  await explained(() => Promise.all(others.map(part => harness.nextCollection(part, killedAt))));
  expect(new Set(collections(reads(), killedAt).map(r => r.replica))).toEqual(new Set([survivor.name]));
  expect(overlappingCollections(reads())).toEqual([]);

  // No part's items went missing from the answers.
  const fleet = await harness.fleet(1 - victim);
  expect(fleet.body!.items).toHaveLength(12);
  expect(fleet.body!.accountRegions).toHaveLength(6);
  expect(fleet.body!.accountRegions.filter(p => p.error)).toEqual([]);
  for (const name of ['billing', 'checkout']) {
    expect((await harness.entity(1 - victim, name)).body!.items).toHaveLength(6);
  }
}, 150_000);
