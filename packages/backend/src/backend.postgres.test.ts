/*
 * Starts the real backend process with the production configuration
 * (app-config.yaml + app-config.production.yaml) against the local PostgreSQL
 * server and checks that it serves the demo catalog from there.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  type RunningBackend,
  startBackend,
  waitFor,
} from './__testUtils__/startBackend';

const pgUrl =
  process.env.PORTAL_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const prefix = `portal_test_${randomBytes(4).toString('hex')}_`;
const staticToken = randomBytes(24).toString('hex');

jest.setTimeout(240_000);

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
  let backend: RunningBackend;
  let baseUrl = '';
  const output = () => backend.output();

  beforeAll(async () => {
    const url = new URL(pgUrl);
    backend = await startBackend({
      configs: ['../../app-config.yaml', '../../app-config.production.yaml'],
      env: {
        POSTGRES_HOST: url.hostname,
        POSTGRES_PORT: url.port || '5432',
        POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
        ...(url.password ? { POSTGRES_PASSWORD: decodeURIComponent(url.password) } : {}),
        APP_CONFIG_backend_database_prefix: prefix,
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          { type: 'static', options: { token: staticToken, subject: 'backend-test' } },
        ]),
        APP_CONFIG_catalog_locations: JSON.stringify([
          { type: 'file', target: '../../catalog/org.yaml' },
          { type: 'file', target: '../../catalog/systems/crm.yaml' },
          { type: 'file', target: './src/test-fixtures/malformed.yaml' },
        ]),
      },
    });
    baseUrl = backend.baseUrl;
  });

  afterAll(async () => {
    await backend?.stop();
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
        output().includes(
          'Component:default/broken-annotations-service: aws.portal/account-id must be a 12-digit AWS account id, not "12345".',
        )
          ? true
          : undefined,
      120_000,
    );
    expect(output()).toContain(
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
