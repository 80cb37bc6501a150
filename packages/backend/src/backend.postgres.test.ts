/*
 * Starts the real backend process with the production configuration
 * (app-config.yaml + app-config.production.yaml) against the local PostgreSQL
 * server and checks that it serves the demo catalog from there.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';

const repoRoot = resolve(__dirname, '../../..');
const yarnRelease = resolve(repoRoot, '.yarn/releases/yarn-4.13.0.cjs');
const pgUrl =
  process.env.PORTAL_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const prefix = `portal_test_${randomBytes(4).toString('hex')}_`;
const staticToken = randomBytes(24).toString('hex');

jest.setTimeout(240_000);

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function withPg<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${pgUrl}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('backend on PostgreSQL (production configuration)', () => {
  let backend: ChildProcess;
  let output = '';
  let baseUrl = '';

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const url = new URL(pgUrl);
    backend = spawn(
      process.execPath,
      [
        yarnRelease,
        'backstage-cli',
        'package',
        'start',
        '--config',
        '../../app-config.yaml',
        '--config',
        '../../app-config.production.yaml',
      ],
      {
        cwd: resolve(repoRoot, 'packages/backend'),
        env: {
          ...process.env,
          POSTGRES_HOST: url.hostname,
          POSTGRES_PORT: url.port || '5432',
          POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
          ...(url.password
            ? { POSTGRES_PASSWORD: decodeURIComponent(url.password) }
            : {}),
          BACKEND_BASE_URL: baseUrl,
          APP_CONFIG_backend_listen: `:${port}`,
          APP_CONFIG_backend_database_prefix: prefix,
          APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
            {
              type: 'static',
              options: { token: staticToken, subject: 'backend-test' },
            },
          ]),
          APP_CONFIG_catalog_locations: JSON.stringify([
            { type: 'file', target: '../../catalog/org.yaml' },
            { type: 'file', target: '../../catalog/systems/crm.yaml' },
            { type: 'file', target: './src/test-fixtures/malformed.yaml' },
          ]),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    backend.stdout!.on('data', d => (output += d));
    backend.stderr!.on('data', d => (output += d));
    await waitFor(
      'the backend to report ready (all plugins started)',
      async () =>
        (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok
          ? true
          : undefined,
      180_000,
    ).catch(e => {
      throw new Error(`${e.message}; backend output:\n${output.slice(-4000)}`);
    });
  });

  afterAll(async () => {
    if (backend?.pid) {
      process.kill(-backend.pid, 'SIGTERM');
      await new Promise(r => backend.once('exit', r));
    }
    await withPg(async client => {
      const { rows } = await client.query(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    });
  });

  it('keeps the catalog in PostgreSQL databases of its own', async () => {
    const names = await withPg(async client => {
      const { rows } = await client.query(
        'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
        [`${prefix}%`],
      );
      return rows.map((r: { datname: string }) => r.datname);
    });
    expect(names).toEqual(expect.arrayContaining([`${prefix}catalog`]));
  });

  it('serves crm-core-service with its AWS annotations', async () => {
    const entity = await waitFor(
      'crm-core-service to be processed',
      async () => {
        const res = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/component/default/crm-core-service`,
          { headers: { Authorization: `Bearer ${staticToken}` } },
        );
        return res.ok ? res.json() : undefined;
      },
      120_000,
    );
    expect(entity.spec).toMatchObject({ owner: 'team-crm', system: 'crm' });
    expect(entity.metadata.annotations).toMatchObject({
      'aws.portal/account-id': '111111111111',
      'aws.portal/region': 'us-east-1',
      'aws.portal/tag-selector': 'Project=CRM-System,Component=core',
      'aws.portal/cost-center': 'finance-consulting',
      'aws.portal/rpo': '4h',
      'aws.portal/rto': '2h',
      'aws.portal/dr-region': 'us-west-2',
    });
  });

  it('refuses callers without a token', async () => {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/crm-core-service`,
    );
    expect(res.status).toBe(401);
  });

  it('reports malformed annotations as processing errors and stays up', async () => {
    await waitFor(
      'the processing error to be logged',
      async () =>
        output.includes(
          'Component:default/broken-annotations-service: aws.portal/account-id must be a 12-digit AWS account id, not "12345".',
        )
          ? true
          : undefined,
      120_000,
    );
    expect(output).toContain(
      'aws.portal/dr-region must be an AWS region such as us-east-1, not "mars-north-1".',
    );
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/broken-annotations-service`,
      { headers: { Authorization: `Bearer ${staticToken}` } },
    );
    expect(res.status).toBe(404);
    expect(
      (await fetch(`${baseUrl}/.backstage/health/v1/liveness`)).status,
    ).toBe(200);
  });
});
