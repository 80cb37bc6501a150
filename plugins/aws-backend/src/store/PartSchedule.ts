import { randomUUID } from 'node:crypto';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { Knex } from 'knex';

const TABLE = 'aws_collection_schedule';

/** One source's account × region, as the schedule names it. */
export interface PartRef extends AccountRegion {
  sourceId: string;
}

/** A part a replica holds: collect it, renew the lease while at it, then release it. */
export interface Lease extends PartRef {
  token: string;
  /** Database time the lease was taken (ms since the epoch). */
  startedMs: number;
  /** Database time the part was due. */
  dueMs: number;
}

interface Row {
  source_id: string;
  account_id: string;
  region: string;
  started_ms?: string | number | null;
  due_at_ms?: string | number | null;
}

const isPostgres = (db: Knex) => /^(pg|postgres)/.test(String(db.client.config.client ?? ''));

/**
 * The database's clock in milliseconds since the epoch, so that every
 * replica compares due times and leases against one clock however far
 * their own drift apart.
 */
function nowMs(db: Knex): Knex.Raw {
  return isPostgres(db)
    ? db.raw('(extract(epoch from clock_timestamp()) * 1000)::bigint')
    : db.raw("cast((julianday('now') - 2440587.5) * 86400000 as integer)");
}


const key = (p: PartRef) => ({ source_id: p.sourceId, account_id: p.accountId, region: p.region });

/**
 * When each part is next due and which replica holds it, in one table all
 * replicas share. A replica takes a due part only when it can start it
 * (`claim`), so parts go to whichever replicas have room, and a lease that
 * is not renewed lapses: a dead replica's parts are taken up by the others
 * once its leases expire.
 */
export class PartSchedule {
  constructor(
    private readonly db: Knex,
    private readonly owner: string,
  ) {}

  /**
   * Adds the parts not yet scheduled, first due after `initialDelayMs`, and
   * forgets this source's parts no longer watched. A part already scheduled
   * keeps its due time: a restart does not collect everything again.
   */
  async register(sourceId: string, parts: AccountRegion[], initialDelayMs: number): Promise<void> {
    const { db } = this;
    const wanted = new Set(parts.map(p => `${p.accountId}/${p.region}`));
    const existing: Row[] = await db(TABLE).where({ source_id: sourceId }).select('account_id', 'region');
    const gone = existing.filter(r => !wanted.has(`${r.account_id}/${r.region}`));
    for (const row of gone) {
      await db(TABLE).where({ source_id: sourceId, account_id: row.account_id, region: row.region }).delete();
    }
    const known = new Set(existing.map(r => `${r.account_id}/${r.region}`));
    const added = parts.filter(p => !known.has(`${p.accountId}/${p.region}`));
    for (const part of added) {
      await db(TABLE)
        .insert({
          source_id: sourceId,
          account_id: part.accountId,
          region: part.region,
          due_at_ms: db.raw('? + ?', [nowMs(db), initialDelayMs]),
        })
        .onConflict(['source_id', 'account_id', 'region'])
        .ignore();
    }
  }

  /**
   * Takes up to `limit` due parts of the given sources that no live lease
   * holds, earliest due first. On PostgreSQL one statement skips the rows
   * another replica is taking at that moment; elsewhere (SQLite, one
   * process) each row is taken by a conditional update.
   */
  async claim(sourceIds: string[], limit: number, leaseMs: number): Promise<Lease[]> {
    if (limit <= 0 || sourceIds.length === 0) return [];
    const { db } = this;
    const free = (q: Knex.QueryBuilder) =>
      q
        .whereIn('source_id', sourceIds)
        .whereNotNull('due_at_ms')
        .where('due_at_ms', '<=', nowMs(db))
        .where(w => w.whereNull('lease_token').orWhere('lease_expires_ms', '<', nowMs(db)));

    if (isPostgres(db)) {
      const run = randomUUID();
      const rows: Row[] = await db(TABLE)
        .whereIn(
          ['source_id', 'account_id', 'region'],
          free(db(TABLE).select('source_id', 'account_id', 'region'))
            .orderBy('due_at_ms')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .update({
          lease_token: db.raw("? || ':' || account_id || ':' || region", [run]),
          leased_by: this.owner,
          lease_expires_ms: db.raw('? + ?', [nowMs(db), leaseMs]),
          started_ms: nowMs(db),
        })
        .returning(['source_id', 'account_id', 'region', 'started_ms', 'due_at_ms']);
      return rows.map(r => ({
        sourceId: r.source_id,
        accountId: r.account_id,
        region: r.region,
        token: `${run}:${r.account_id}:${r.region}`,
        startedMs: Number(r.started_ms),
        dueMs: Number(r.due_at_ms),
      }));
    }

    const candidates: Row[] = await free(db(TABLE).select('source_id', 'account_id', 'region'))
      .orderBy('due_at_ms')
      .limit(limit);
    const leases: Lease[] = [];
    for (const row of candidates) {
      const t = randomUUID();
      const taken = await free(db(TABLE).where(key(refOf(row)))).update({
        lease_token: t,
        leased_by: this.owner,
        lease_expires_ms: db.raw('? + ?', [nowMs(db), leaseMs]),
        started_ms: nowMs(db),
      });
      if (taken === 1) {
        const [held] = await db(TABLE).where(key(refOf(row))).select('started_ms', 'due_at_ms');
        leases.push({ ...refOf(row), token: t, startedMs: Number(held.started_ms), dueMs: Number(held.due_at_ms) });
      }
    }
    return leases;
  }

  /** Extends a lease; false when it lapsed and another replica may hold the part now. */
  async renew(lease: Lease, leaseMs: number): Promise<boolean> {
    const { db } = this;
    const n = await db(TABLE)
      .where({ ...key(lease), lease_token: lease.token })
      .update({ lease_expires_ms: db.raw('? + ?', [nowMs(db), leaseMs]) });
    return n === 1;
  }

  /**
   * Gives a part back: due next at `nextDueMs` (database time; null: only
   * when asked), or, without it, due at once for any replica (this one is
   * stopping). Nothing happens when the lease is no longer this run's.
   */
  async release(lease: Lease, nextDueMs?: number | null): Promise<boolean> {
    const { db } = this;
    const n = await db(TABLE)
      .where({ ...key(lease), lease_token: lease.token })
      .update({
        lease_token: null,
        leased_by: null,
        lease_expires_ms: null,
        started_ms: null,
        ...(nextDueMs === undefined ? {} : { due_at_ms: nextDueMs }),
      });
    return n === 1;
  }

  /** Makes a part due now, for whichever replica has room first. */
  async dueNow(part: PartRef): Promise<void> {
    const { db } = this;
    await db(TABLE).where(key(part)).update({ due_at_ms: nowMs(db) });
  }

  /** The database's clock (ms since the epoch). */
  async now(): Promise<number> {
    const [row] = await this.db.select(nowMs(this.db).wrap('(', ') as now'));
    return Number((row as { now: string | number }).now);
  }
}

function refOf(row: Row): PartRef {
  return { sourceId: row.source_id, accountId: row.account_id, region: row.region };
}
