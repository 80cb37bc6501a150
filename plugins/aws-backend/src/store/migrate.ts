import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * Errors of replicas that start together: knex refuses all but one with
 * MigrationLocked instead of waiting, and on a new database they race to
 * create knex's own tables (PostgreSQL: duplicate_table, or unique_violation
 * from concurrent CREATE TABLE).
 */
function lostStartupRace(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return e?.name === 'MigrationLocked' || e?.code === '42P07' || e?.code === '23505';
}

/**
 * Runs the plugin's migrations. A replica that lost the start-up race waits
 * and tries again; it then finds nothing left to do.
 */
export async function migrateCollectionTables(db: Knex, waitMs = 60_000): Promise<void> {
  const directory = resolvePackagePath('@internal/plugin-aws-backend', 'migrations');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await db.migrate.latest({ directory });
      return;
    } catch (error) {
      if (!lostStartupRace(error) || Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 250 + Math.random() * 250));
    }
  }
}

/** An arbitrary 32-bit key of the portal's start-up lock ("awsp"). */
const STARTUP_LOCK_KEY = 0x61777370;

/**
 * Runs the plugin's start-up work (its migrations, and the first scheduling
 * of its tasks, which runs the scheduler's own migrations) one replica at a
 * time. Backstage's scheduler migrates its tables the first time a task is
 * scheduled, without waiting for a replica that holds knex's lock: two
 * replicas starting together could fail with MigrationLocked. On PostgreSQL
 * a transaction-scoped advisory lock serializes the replicas; SQLite is one
 * process and needs none.
 */
export async function withStartupLock<T>(db: Knex, work: () => Promise<T>): Promise<T> {
  const client = String(db.client.config.client ?? '');
  if (!/^(pg|postgres)/.test(client)) return work();
  return db.transaction(async trx => {
    await trx.raw('select pg_advisory_xact_lock(?)', [STARTUP_LOCK_KEY]);
    return work();
  });
}
