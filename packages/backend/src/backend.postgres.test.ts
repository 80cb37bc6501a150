/*
 * Starts the real backend process with the production configuration
 * (app-config.yaml + app-config.production.yaml) against the local PostgreSQL
 * server and checks that it serves the demo catalog from there.
 */
import { randomBytes } from 'node:crypto';
import { databasesWithPrefix, dropDatabasesWithPrefix, postgresEnv } from './__testUtils__/postgres';
import {
  type RunningBackend,
  startBackend,
  waitFor,
} from './__testUtils__/startBackend';

const prefix = `portal_test_${randomBytes(4).toString('hex')}_`;
const staticToken = randomBytes(24).toString('hex');

jest.setTimeout(240_000);

describe('backend on PostgreSQL (production configuration)', () => {
  let backend: RunningBackend;
  let baseUrl = '';
  const output = () => backend.output();

  beforeAll(async () => {
    backend = await startBackend({
      configs: ['../../app-config.yaml', '../../app-config.production.yaml'],
      env: {
        ...postgresEnv(),
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
    await dropDatabasesWithPrefix(prefix);
  });

  it('keeps the catalog in PostgreSQL databases of its own', async () => {
    const names = await databasesWithPrefix(prefix);
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
