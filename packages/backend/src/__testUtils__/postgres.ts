import { Client } from 'pg';

/** The PostgreSQL server the tests use (scripts/test.sh sets it). */
export const testPostgresUrl = new URL(
  process.env.PORTAL_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
);

/** The POSTGRES_* variables app-config.production.yaml reads, for the test server. */
export function postgresEnv(url: URL = testPostgresUrl): Record<string, string> {
  return {
    POSTGRES_HOST: url.hostname,
    POSTGRES_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
    ...(url.password ? { POSTGRES_PASSWORD: decodeURIComponent(url.password) } : {}),
  };
}

async function withPg<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: new URL('/postgres', testPostgresUrl).toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The databases whose names start with `prefix` (a backend's `backend.database.prefix`), by name. */
export function databasesWithPrefix(prefix: string): Promise<string[]> {
  return withPg(async client => {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [
      `${prefix}%`,
    ]);
    return rows.map((r: { datname: string }) => r.datname);
  });
}

/** Drops a test run's databases. */
export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  const names = await databasesWithPrefix(prefix);
  await withPg(async client => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
