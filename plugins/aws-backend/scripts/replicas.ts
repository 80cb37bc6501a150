/*
 * Figures for replicas of the AWS backend (not a test: it prints figures),
 * on the harness of src/plugin.replicas.test.ts: replica processes on one
 * PostgreSQL and one Redis, reading a "cloud" HTTP server that logs every
 * read.
 *
 *   yarn workspace @internal/plugin-aws-backend replicas
 *
 * First two replicas on 6 parts (2 accounts × 3 regions) collected every
 * 15 s, each read taking 2 s, 2 at a time per replica: collections per part per tick, how they spread over the replicas,
 * whether both serve the same answer, how soon a refresh on one shows on
 * the other, and how soon a part is collected again after the replica
 * collecting it is killed. Then a simulation of 200 parts (20 accounts × 10
 * regions), each read taking 300–500 ms, 4 at a time per replica, with 1, 2
 * and 3 replicas: the time from the first tick until every part was
 * collected once.
 *
 * Needs PORTAL_TEST_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432) and
 * PORTAL_TEST_REDIS_URL (redis://127.0.0.1:6379). Options (environment):
 * REPLICAS_WINDOW_TICKS (5), REPLICAS_SIMULATE (1,2,3),
 * REPLICAS_INITIAL_DELAY_SECONDS (30: every replica must be up before the
 * first tick).
 */
import { runScript } from '@internal/plugin-aws-node/testUtils';
import {
  type CloudRead,
  ReplicaHarness,
  collections,
  groupBy,
  overlappingCollections,
  partKey,
  perReplica,
  sleep,
  waitFor,
} from '../src/__testUtils__/replicaHarness';

const FREQUENCY_S = 15;
/** The two-replica run: each read 2 s, 2 at a time, so a tick is 6 s of work for one replica. */
const PAIR_READ_MS = 2000;
const PAIR_CONCURRENCY = 2;
const POLL_S = 5;
const LEASE_S = 10;
const WINDOW_TICKS = Number(process.env.REPLICAS_WINDOW_TICKS ?? 5);
const SIMULATE = (process.env.REPLICAS_SIMULATE ?? '1,2,3').split(',').map(Number);
const INITIAL_DELAY_S = Number(process.env.REPLICAS_INITIAL_DELAY_SECONDS ?? 30);
const SIM_ACCOUNTS = 20;
const SIM_REGIONS = 10;
const SIM_READ_MS: [number, number] = [300, 500];
const SIM_CONCURRENCY = 4;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const spreadText = (spread: Record<string, number>) =>
  Object.entries(spread)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');

/** Collections grouped into ticks: a tick's parts start within a second or two, ticks are periods apart. */
function byTick(reads: CloudRead[]): CloudRead[][] {
  const ticks: CloudRead[][] = [];
  for (const read of [...reads].sort((a, b) => a.startedAt - b.startedAt)) {
    const last = ticks[ticks.length - 1];
    if (last && read.startedAt - last[0].startedAt < (FREQUENCY_S * 1000) / 2) last.push(read);
    else ticks.push([read]);
  }
  return ticks;
}

/** Paired fleet probes of both replicas until `until`: how many had equal ETags. */
async function probeAgreement(harness: ReplicaHarness, until: number) {
  let probes = 0;
  let equal = 0;
  while (Date.now() < until) {
    const [a, b] = await Promise.all([harness.fleet(0), harness.fleet(1)]);
    probes++;
    if (a.etag && a.etag === b.etag) equal++;
    await sleep(500);
  }
  return { probes, equal };
}

/** Refreshes a part's billing widget on A right after a collection; how long until B shows it. */
async function refreshPropagation(harness: ReplicaHarness, part: (typeof harness.parts)[number]) {
  await harness.nextCollection(part, Date.now());
  harness.cloud.setWidgets(part, [
    { name: 'billing', state: 'broken' },
    { name: 'checkout', state: 'ok' },
  ]);
  const refreshed = await harness.refresh(0, harness.keyOf(part), 'user:default/carol');
  const refreshedAt = Date.now();
  if (refreshed.status !== 200) {
    throw new Error(`The refresh on A answered ${refreshed.status}: ${refreshed.error ?? refreshed.text}`);
  }
  const { collectedAt } = refreshed.body!.item;
  await waitFor(
    'B to show the widget A refreshed',
    async () => ((await harness.entity(1, 'billing')).body?.items.some(d => d.collectedAt === collectedAt) ? true : undefined),
    30_000,
    50,
  );
  return Date.now() - refreshedAt;
}

async function twoReplicas(): Promise<void> {
  console.log(
    `Two replicas, 6 parts (2 accounts × 3 regions), collected every ${FREQUENCY_S} s (timeout ${FREQUENCY_S} s), ` +
      `each read ${PAIR_READ_MS / 1000} s, ${PAIR_CONCURRENCY} at a time per replica, polls every ${POLL_S} s, leases of ${LEASE_S} s`,
  );
  const harness = await ReplicaHarness.start({
    replicas: 2,
    frequencySeconds: FREQUENCY_S,
    timeoutSeconds: FREQUENCY_S,
    pollSeconds: POLL_S,
    leaseSeconds: LEASE_S,
    concurrency: PAIR_CONCURRENCY,
    readDelayMs: PAIR_READ_MS,
  });
  try {
    console.log(`  ready after ${harness.replicas.map(r => `${r.name} ${seconds(r.readyAt! - r.startedAt)}`).join(', ')}`);
    await harness.nextTick(0);
    const from = Date.now();
    const to = from + WINDOW_TICKS * FREQUENCY_S * 1000;
    // Probes and refreshes go on while the window's collections are counted.
    const [agreement, delays] = await Promise.all([
      probeAgreement(harness, to),
      (async () => {
        const samples: number[] = [];
        for (const part of harness.parts.slice(0, 3)) samples.push(await refreshPropagation(harness, part));
        return samples;
      })(),
    ]);
    if (Date.now() < to) await sleep(to - Date.now());
    const window = collections(harness.cloud.reads, from).filter(r => r.startedAt < to);
    const perTick = [...groupBy(window, r => r.part).values()].map(list => list.length / WINDOW_TICKS);
    const mean = perTick.reduce((a, b) => a + b, 0) / perTick.length;
    console.log(
      `  collections per part per tick over ${WINDOW_TICKS} ticks: ${mean.toFixed(2)} ` +
        `(least ${Math.min(...perTick).toFixed(2)}, most ${Math.max(...perTick).toFixed(2)}); ` +
        `overlapping collections of one part: ${overlappingCollections(harness.cloud.reads).length}`,
    );
    const ticks = byTick(window);
    const whole = ticks.filter(tick => new Set(tick.map(r => r.replica)).size === 1).length;
    console.log(
      `  collections per replica: ${spreadText(perReplica(window, harness.replicas))}; ` +
        `${whole} of ${ticks.length} ticks had all their parts collected by one replica`,
    );
    console.log(
      `  answer agreement: ${agreement.equal} of ${agreement.probes} paired fleet probes had equal ETags ` +
        `(${Math.round((100 * agreement.equal) / agreement.probes)} %)`,
    );
    console.log(`  refresh on A seen on B after: ${delays.map(seconds).join(', ')}`);

    const held = harness.parts[5];
    const { victim, killedAt } = await harness.killWhileCollecting(held);
    const survivor = harness.replicas[1 - victim];
    const recovered = await harness.nextCollection(held, killedAt, (LEASE_S + POLL_S + 30) * 1000);
    const outage = collections(harness.cloud.reads, killedAt, recovered.startedAt);
    const otherParts = harness.parts.filter(p => p !== held).map(partKey);
    const otherCounts = otherParts.map(k => outage.filter(r => r.part === k).length);
    const fleet = await harness.fleet(1 - victim);
    console.log(
      `  recovery after kill: ${harness.replicas[victim].name} was SIGKILLed while collecting ${partKey(held)}; ` +
        `${recovered.replica} collected it again ${seconds(recovered.endedAt! - killedAt)} later ` +
        `(bound: lease ${LEASE_S} s + poll ${POLL_S} s)`,
    );
    console.log(
      `  meanwhile ${survivor.name} made ${outage.length} collections of the other ${otherParts.length} parts ` +
        `(${Math.min(...otherCounts)}–${Math.max(...otherCounts)} each); ` +
        `its fleet answer has ${fleet.body?.items.length} of 12 widgets`,
    );
  } finally {
    await harness.stop();
  }
}

/** One run of the simulation: the first tick's collections of every part. */
async function simulate(replicas: number) {
  const harness = await ReplicaHarness.start({
    replicas,
    accounts: SIM_ACCOUNTS,
    regions: SIM_REGIONS,
    // One tick in the run: the first, after every replica is up.
    frequencySeconds: 3600,
    timeoutSeconds: 600,
    initialDelaySeconds: INITIAL_DELAY_S,
    readDelayMs: SIM_READ_MS,
    concurrency: SIM_CONCURRENCY,
  });
  try {
    const total = harness.parts.length;
    await waitFor(
      `every one of the ${total} parts to be collected`,
      () => (new Set(collections(harness.cloud.reads).map(r => r.part)).size === total ? true : undefined),
      (INITIAL_DELAY_S + 120 + (total * SIM_READ_MS[1]) / SIM_CONCURRENCY / 1000) * 1000,
      250,
    );
    const reads = collections(harness.cloud.reads);
    const firstTick = Math.min(...reads.map(r => r.startedAt));
    const lastReady = Math.max(...harness.replicas.map(r => r.readyAt!));
    return {
      replicas,
      ms: Math.max(...reads.map(r => r.endedAt!)) - firstTick,
      spread: perReplica(reads, harness.replicas),
      readyBeforeTick: lastReady < firstTick,
    };
  } finally {
    await harness.stop();
  }
}

async function main() {
  await twoReplicas();
  const parts = SIM_ACCOUNTS * SIM_REGIONS;
  console.log(
    `\nSimulation: ${parts} parts (${SIM_ACCOUNTS} accounts × ${SIM_REGIONS} regions), each read ` +
      `${SIM_READ_MS[0]}–${SIM_READ_MS[1]} ms, ${SIM_CONCURRENCY} at a time per replica, ` +
      `first tick ${INITIAL_DELAY_S} s after start`,
  );
  const idealPerReplicaMs = (parts * ((SIM_READ_MS[0] + SIM_READ_MS[1]) / 2)) / SIM_CONCURRENCY;
  for (const replicas of SIMULATE) {
    const run = await simulate(replicas);
    const late = run.readyBeforeTick ? '' : ' — not every replica was up before the first tick';
    console.log(
      `  ${replicas} replica${replicas > 1 ? 's' : ' '}: every part collected ${seconds(run.ms)} after the first tick ` +
        `(if shared evenly: ${seconds(idealPerReplicaMs / replicas)}); collections per replica: ${spreadText(run.spread)}${late}`,
    );
  }
}

runScript(main, 'The replica figures could not be taken');
