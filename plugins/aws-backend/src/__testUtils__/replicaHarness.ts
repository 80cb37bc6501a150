/*
 * Runs N replicas of the AWS backend as processes (replicaMain.ts) on one
 * PostgreSQL and one Redis, against a "cloud" HTTP server in this process
 * that answers their widget reads and records every one: which part, which
 * replica, when it started and ended. The replica test and
 * scripts/replicas.ts measure the sharing of work from that log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  AccountRegion,
  CollectionAnswer,
  EntityCollectionAnswer,
  RefreshAnswer,
} from '@internal/plugin-aws-common';
import knexFactory, { type Knex } from 'knex';
import { type Widget, type WidgetDetail, type WidgetRow, widgetArn } from './widgetCollector';

export const POSTGRES_URL = process.env.PORTAL_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.PORTAL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Valid AWS regions, so that the plugin's configuration check passes; parts use the first few. */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
];

/** Databases of this harness are named `aws_replicas_<base-36 start time>_<random>_aws`. */
const DATABASE_NAME = /^aws_replicas_([0-9a-z]+)_[0-9a-z]+_/;
/** The databases the in-process replica test used to leave behind: `portal_r<base-36 time>_aws`. */
const OLD_DATABASE_NAME = /^portal_r([0-9a-z]+)_aws$/;
/** Older leftovers are an aborted run's; younger ones may be another run going on right now. */
const LEFTOVER_AGE_MS = 60 * 60_000;

/** One read of a part by a replica, as the cloud saw it. */
export interface CloudRead {
  /** `<account>/<region>` */
  part: string;
  replica: string;
  kind: 'collect' | 'refresh';
  startedAt: number;
  endedAt?: number;
  /** The reader went away before the answer: its replica was killed. */
  aborted?: boolean;
}

export const partKey = (part: AccountRegion) => `${part.accountId}/${part.region}`;

/** What every part holds until a test says otherwise: one widget for each catalog entity of replicaMain.ts. */
const defaultWidgets = (): Widget[] => [
  { name: 'billing', state: 'ok' },
  { name: 'checkout', state: 'ok' },
];

/**
 * The AWS the replicas read: widgets per part, a delay per read (to make
 * collection take time) and reads held open on request (to kill a replica
 * in the middle of one).
 */
export class TestCloud {
  readonly reads: CloudRead[] = [];
  url = '';
  private readonly widgets = new Map<string, Widget[]>();
  private readonly holds = new Map<string, number>();
  private server?: Server;

  constructor(private readonly delayMs: () => number) {}

  /** Replaces a part's widgets; the next collection or refresh sees them. */
  setWidgets(part: AccountRegion, widgets: Widget[]): void {
    this.widgets.set(partKey(part), widgets);
  }

  widgetsOf(part: AccountRegion): Widget[] {
    return this.widgets.get(partKey(part)) ?? defaultWidgets();
  }

  /** The next collection of `part` (by whichever replica) answers only after `ms`. */
  holdNextCollection(part: AccountRegion, ms: number): void {
    this.holds.set(partKey(part), ms);
  }

  /** Refreshes asked of the cloud (those the limits let through and whose item was found). */
  get refreshes(): number {
    return this.reads.filter(r => r.kind === 'refresh').length;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ok());
    });
    this.server = server;
    const { port } = server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise(ok => server.close(ok));
  }

  private answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://cloud');
    const match = /^\/widgets\/(\d{12})\/([a-z0-9-]+)$/.exec(url.pathname);
    const replica = url.searchParams.get('replica');
    const kind = url.searchParams.get('kind');
    if (!match || !replica || (kind !== 'collect' && kind !== 'refresh')) {
      res.writeHead(404).end(`The test cloud serves /widgets/<account>/<region>?replica=…&kind=collect|refresh, not ${req.url}.`);
      return;
    }
    const part = `${match[1]}/${match[2]}`;
    const read: CloudRead = { part, replica, kind, startedAt: Date.now() };
    this.reads.push(read);
    const held = kind === 'collect' ? this.holds.get(part) : undefined;
    if (held !== undefined) this.holds.delete(part);
    const timer = setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(this.widgets.get(part) ?? defaultWidgets()));
    }, held ?? (kind === 'collect' ? this.delayMs() : 0));
    res.on('finish', () => {
      read.endedAt = Date.now();
    });
    res.on('close', () => {
      clearTimeout(timer);
      if (read.endedAt === undefined) Object.assign(read, { endedAt: Date.now(), aborted: true });
    });
  }
}

/** An answer of a replica's route. */
export interface Answer<T> {
  status: number;
  etag?: string;
  retryAfter?: string;
  /** The body as it came: what "same bytes" compares. */
  text: string;
  /** The parsed body of a 2xx answer. */
  body?: T;
  /** The sentence of an error answer (Backstage's `{ error: { message } }`). */
  error?: string;
}

export interface HarnessOptions {
  replicas: number;
  /** Accounts × regions is the number of parts. Default 2 × 3. */
  accounts?: number;
  regions?: number;
  frequencySeconds: number;
  /** Default: the frequency. */
  timeoutSeconds?: number;
  /** Default 0: the first replica up collects first. */
  initialDelaySeconds?: number;
  /** Parts each replica collects at once. Default 4. */
  concurrency?: number;
  /** Default 1, so that tests can refresh an item again soon. */
  perItemIntervalSeconds?: number;
  /** Default 30. */
  perUserPerMinute?: number;
  /** Every collection's read waits this long (ms), or a uniform draw from [min, max]; refreshes answer at once. Default 0. */
  readDelayMs?: number | [number, number];
  /** Seconds a replica's lease on a part lives unless renewed. Default 30. */
  leaseSeconds?: number;
  /** Seconds between a replica's looks at the schedule. Default 5. */
  pollSeconds?: number;
  /** How long a replica may take to report ready. Default 3 minutes. */
  startupTimeoutMs?: number;
}

function delayOf(option: HarnessOptions['readDelayMs']): () => number {
  if (option === undefined) return () => 0;
  if (typeof option === 'number') return () => option;
  const [min, max] = option;
  return () => min + Math.random() * (max - min);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

export const sleep = (ms: number) => new Promise<void>(ok => setTimeout(ok, ms));

/** Polls `probe` until it returns a value; throws a sentence naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await sleep(intervalMs);
  }
}

/** What a replica printed: its start, and its last characters for error messages. */
class OutputTail {
  private first = '';
  private text = '';
  constructor(private readonly limit = 200_000) {}
  add(chunk: Buffer | string) {
    const text = chunk.toString();
    if (this.first.length < this.limit) this.first += text;
    this.text += text;
    if (this.text.length > this.limit) this.text = this.text.slice(-this.limit);
  }
  head() {
    return this.first;
  }
  tail(chars: number) {
    return this.text.slice(-chars);
  }
}

/** One replica process. */
export class Replica {
  readonly startedAt = Date.now();
  readyAt?: number;
  private readonly out = new OutputTail();
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', d => this.out.add(d));
    child.stderr?.on('data', d => this.out.add(d));
    this.exited = new Promise(ok => child.once('exit', () => ok()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(chars = 4000): string {
    return this.out.tail(chars);
  }

  /** SIGKILL to the whole process group: no shutdown hook runs, as when a machine dies. */
  async kill(): Promise<void> {
    if (this.alive && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await this.exited;
  }

  async waitUntilReady(timeoutMs: number): Promise<void> {
    await waitFor(
      `replica ${this.name} to report ready`,
      async () => {
        if (!this.alive) {
          throw new Error(`Replica ${this.name} exited before it was ready:\n${this.output()}`);
        }
        const res = await fetch(`${this.url}/.backstage/health/v1/readiness`, {
          signal: AbortSignal.timeout(2000),
        }).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      timeoutMs,
      250,
    ).catch(error => {
      throw new Error(`${error.message}\nIts output:\n${this.output()}`);
    });
    this.readyAt = Date.now();
  }
}

const REPLICA_MAIN = resolve(__dirname, 'replicaMain.ts');
const PACKAGE_DIR = resolve(__dirname, '../..');

function layOutParts(accounts: number, regions: number): AccountRegion[] {
  if (regions > REGIONS.length) throw new Error(`The harness knows ${REGIONS.length} regions, not ${regions}.`);
  return Array.from({ length: accounts }, (_, a) => String(100000000001 + a)).flatMap(accountId =>
    REGIONS.slice(0, regions).map(region => ({ accountId, region })),
  );
}

/** Drops the databases of aborted earlier runs (and of the old in-process test), never a young one. */
async function dropLeftovers(admin: Knex): Promise<void> {
  const { rows } = await admin.raw<{ rows: Array<{ datname: string }> }>(
    "select datname from pg_database where datname like 'aws\\_replicas\\_%' or datname like 'portal\\_r%\\_aws'",
  );
  for (const { datname } of rows) {
    const stamp = DATABASE_NAME.exec(datname)?.[1] ?? OLD_DATABASE_NAME.exec(datname)?.[1];
    const startedAt = stamp ? parseInt(stamp, 36) : NaN;
    if (Number.isFinite(startedAt) && Date.now() - startedAt > LEFTOVER_AGE_MS) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  }
}

/** Replicas of one run, their cloud, and the helpers to ask them. */
export class ReplicaHarness {
  readonly replicas: Replica[] = [];

  private constructor(
    readonly options: HarnessOptions,
    readonly cloud: TestCloud,
    readonly parts: AccountRegion[],
    /** `backend.database.prefix` of this run: its databases start with it. */
    readonly databasePrefix: string,
  ) {}

  /** Starts the cloud and `options.replicas` replicas, and waits until every one is ready. */
  static async start(options: HarnessOptions): Promise<ReplicaHarness> {
    const run = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
    const prefix = `aws_replicas_${run}_`;
    try {
      await dropLeftovers(admin);
      // Made here, not by the replicas: two of them creating it at once would race.
      await admin.raw('create database ??', [`${prefix}aws`]);
    } finally {
      await admin.destroy();
    }
    const cloud = new TestCloud(delayOf(options.readDelayMs));
    await cloud.listen();
    const harness = new ReplicaHarness(options, cloud, layOutParts(options.accounts ?? 2, options.regions ?? 3), prefix);
    try {
      const names = Array.from({ length: options.replicas }, (_, i) => String.fromCharCode(65 + i));
      await Promise.all(names.map((name, i) => harness.spawn(i, name, run)));
    } catch (error) {
      await harness.stop();
      throw error;
    }
    return harness;
  }

  private async spawn(index: number, name: string, run: string): Promise<void> {
    const { options } = this;
    const port = await freePort();
    const environment: Record<string, string> = {
      NAME: name,
      PORT: String(port),
      CLOUD_URL: this.cloud.url,
      POSTGRES_URL,
      DATABASE_PREFIX: this.databasePrefix,
      REDIS_URL,
      CACHE_NAMESPACE: `aws-replicas-${run}`,
      ACCOUNTS: [...new Set(this.parts.map(p => p.accountId))].join(','),
      REGIONS: [...new Set(this.parts.map(p => p.region))].join(','),
      FREQUENCY_SECONDS: String(options.frequencySeconds),
      TIMEOUT_SECONDS: String(options.timeoutSeconds ?? options.frequencySeconds),
      INITIAL_DELAY_SECONDS: String(options.initialDelaySeconds ?? 0),
      CONCURRENCY: String(options.concurrency ?? 4),
      LEASE_SECONDS: String(options.leaseSeconds ?? 30),
      POLL_SECONDS: String(options.pollSeconds ?? 5),
      REFRESH_PER_ITEM_SECONDS: String(options.perItemIntervalSeconds ?? 1),
      REFRESH_PER_USER_PER_MINUTE: String(options.perUserPerMinute ?? 30),
    };
    const child = spawn(
      process.execPath,
      ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs'), REPLICA_MAIN],
      {
        cwd: PACKAGE_DIR,
        env: {
          ...process.env,
          ...Object.fromEntries(Object.entries(environment).map(([k, v]) => [`AWS_REPLICA_${k}`, v])),
          // As `yarn start` runs a backend (jest's "test" would leak in otherwise).
          NODE_ENV: 'development',
        },
        // Its own process group, so that kill() takes any child it forked too.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const replica = new Replica(name, `http://127.0.0.1:${port}`, child);
    this.replicas[index] = replica;
    await replica.waitUntilReady(options.startupTimeoutMs ?? 180_000);
  }

  /** The index of the replica called `name` (A, B, …). */
  indexOf(name: string): number {
    const i = this.replicas.findIndex(r => r.name === name);
    if (i < 0) throw new Error(`There is no replica ${name}; this run has ${this.replicas.map(r => r.name).join(', ')}.`);
    return i;
  }

  replica(i: number): Replica {
    const replica = this.replicas[i];
    if (!replica) throw new Error(`There is no replica ${i}; this run has ${this.replicas.length}.`);
    return replica;
  }

  private async ask<T>(
    i: number,
    path: string,
    { method = 'GET', body, user = 'user:default/ann' }: { method?: string; body?: string; user?: string } = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.replica(i).url}/api/aws/widgets${path}`, {
      method,
      body,
      headers: { Authorization: mockCredentials.user.header(user), 'Content-Type': 'application/json' },
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return {
      status: res.status,
      etag: res.headers.get('etag') ?? undefined,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      text,
      body: res.ok ? (parsed as T) : undefined,
      error: res.ok ? undefined : (parsed as { error?: { message?: string } } | undefined)?.error?.message,
    };
  }

  fleet(i: number): Promise<Answer<CollectionAnswer<WidgetRow>>> {
    return this.ask(i, '/fleet');
  }

  entity(
    i: number,
    name: string,
    kind = 'component',
    namespace = 'default',
  ): Promise<Answer<EntityCollectionAnswer<WidgetDetail>>> {
    return this.ask(i, `/entity/${namespace}/${kind}/${name}`);
  }

  /** A user's refresh of one item, asked of replica `i`. */
  refresh(i: number, key: string, user: string): Promise<Answer<RefreshAnswer<WidgetDetail>>> {
    return this.ask(i, '/refresh', { method: 'POST', body: JSON.stringify({ key }), user });
  }

  /** The ARN of a part's widget, the key a refresh names. */
  keyOf(part: AccountRegion, widget = 'billing'): string {
    return widgetArn(part, widget);
  }

  /** The longest a part waits for its next collection: a period plus a poll, and some slack. */
  private get tickWaitMs(): number {
    return (this.options.frequencySeconds + (this.options.pollSeconds ?? 5) + 5) * 1000;
  }

  /** The next completed collection of `part` that started after `after` (ms since the epoch). */
  nextCollection(part: AccountRegion, after: number, timeoutMs = this.tickWaitMs): Promise<CloudRead> {
    return waitFor(
      `a collection of ${partKey(part)}`,
      () => collections(this.cloud.reads, after).find(r => r.part === partKey(part)),
      timeoutMs,
    );
  }

  /** Waits until every part has been collected after `after`; returns when the last of those collections ended. */
  async nextTick(after: number, timeoutMs = this.tickWaitMs): Promise<number> {
    const done = await Promise.all(this.parts.map(part => this.nextCollection(part, after, timeoutMs)));
    return Math.max(...done.map(r => r.endedAt!));
  }

  /**
   * Makes the next collection of `part` hang and SIGKILLs the replica that
   * makes it, half a second after it started (time for that tick's other
   * parts to finish): the replica dies holding the part's lease.
   */
  async killWhileCollecting(part: AccountRegion): Promise<{ victim: number; hanging: CloudRead; killedAt: number }> {
    this.cloud.holdNextCollection(part, 10 * 60_000);
    const hanging = await waitFor(
      `a replica to start collecting ${partKey(part)}`,
      () => this.cloud.reads.find(r => r.kind === 'collect' && r.part === partKey(part) && r.endedAt === undefined),
      this.tickWaitMs,
    );
    const victim = this.indexOf(hanging.replica);
    await sleep(500);
    const killedAt = Date.now();
    await this.kill(victim);
    return { victim, hanging, killedAt };
  }

  /** SIGKILLs replica `i` (its process group) and waits until it is gone. */
  kill(i: number): Promise<void> {
    return this.replica(i).kill();
  }

  /** The last output of every replica, for a failure message. */
  outputs(chars = 3000): string {
    return this.replicas.filter(Boolean).map(r => `--- replica ${r.name} ---\n${r.output(chars)}`).join('\n');
  }

  /** Kills every replica, closes the cloud and drops this run's databases. */
  async stop(): Promise<void> {
    await Promise.all(this.replicas.filter(Boolean).map(r => r.kill()));
    await this.cloud.close();
    const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
    try {
      const { rows } = await admin.raw<{ rows: Array<{ datname: string }> }>(
        'select datname from pg_database where starts_with(datname, ?)',
        [this.databasePrefix],
      );
      for (const { datname } of rows) {
        await admin.raw('drop database if exists ?? with (force)', [datname]);
      }
    } finally {
      await admin.destroy();
    }
  }
}

/** Collections that completed within [from, to] (not those a kill cut short). */
export function collections(reads: CloudRead[], from = 0, to = Infinity): CloudRead[] {
  return reads.filter(
    r => r.kind === 'collect' && !r.aborted && r.startedAt >= from && r.endedAt !== undefined && r.endedAt <= to,
  );
}

/** Pairs of collections of one part that were under way at the same time (none, when the leases hold). */
export function overlappingCollections(reads: CloudRead[]): Array<[CloudRead, CloudRead]> {
  const byPart = groupBy(
    reads.filter(r => r.kind === 'collect'),
    r => r.part,
  );
  const overlaps: Array<[CloudRead, CloudRead]> = [];
  for (const list of byPart.values()) {
    const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      if (previous.endedAt === undefined || sorted[i].startedAt < previous.endedAt) {
        overlaps.push([previous, sorted[i]]);
      }
    }
  }
  return overlaps;
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** How many of `reads` each replica made, every replica named (0 when it made none). */
export function perReplica(reads: CloudRead[], replicas: Replica[]): Record<string, number> {
  return Object.fromEntries(replicas.map(r => [r.name, reads.filter(read => read.replica === r.name).length]));
}
