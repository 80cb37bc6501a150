import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * PostgreSQL (the server scripts/test.sh points at through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) and SQLite.
 */
export function testDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}
