import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * PostgreSQL (the server scripts/test.sh points at through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) and SQLite.
 */
export function testDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

export const MIGRATIONS = resolvePackagePath('@internal/plugin-aws-backend', 'migrations');

export async function migrated(db: Knex): Promise<Knex> {
  await db.migrate.latest({ directory: MIGRATIONS });
  return db;
}
