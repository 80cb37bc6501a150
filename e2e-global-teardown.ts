import { Client } from 'pg';

/** Databases of e2e runs older than this are an aborted run's; younger ones may be another run's. */
const LEFTOVER_AGE_MS = 60 * 60_000;

/**
 * Drops this run's PostgreSQL databases (playwright.config.ts names them
 * `portal_e2e_<base-36 start time>_<plugin>`) and those aborted runs left.
 */
export default async function globalTeardown() {
  const url = process.env.PORTAL_E2E_POSTGRES_URL;
  const prefix = process.env.PORTAL_E2E_DATABASE_PREFIX;
  if (!url || !prefix) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'portal\\_e2e\\_%'",
    );
    for (const { datname } of rows) {
      const stamp = /^portal_e2e_([0-9a-z]+)_/.exec(datname)?.[1];
      const old = stamp !== undefined && Date.now() - parseInt(stamp, 36) > LEFTOVER_AGE_MS;
      if (datname.startsWith(prefix) || old) {
        await client.query(`drop database if exists "${datname.replace(/"/g, '""')}" with (force)`);
        dropped.push(datname);
      }
    }
  } finally {
    await client.end();
  }
  // The proof that the run was on PostgreSQL: the databases its plugins used.
  console.log(`The portal ran on PostgreSQL; dropped its ${dropped.length} databases: ${dropped.join(', ')}`);
}
