/*
 * Two backend replicas on one PostgreSQL database, as in production: Backstage's
 * real database, scheduler and cache services (no mocks of those), the cache on
 * the local Redis. Shows one collection per schedule tick across both replicas
 * (global tasks lock in the database), both replicas serving the same answer,
 * and the refresh limit holding across replicas.
 */
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createAwsCollectorModule } from '@internal/plugin-aws-node';
import knexFactory from 'knex';
import request from 'supertest';
import { WidgetCloud, widgetArn, widgetCollector } from './__testUtils__/widgetCollector';
import { awsPlugin } from './plugin';

jest.setTimeout(120_000);

const PERIOD_SECONDS = 6;
const postgres = process.env.PORTAL_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const redis = process.env.PORTAL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `r${Date.now().toString(36)}`;
const where = { accountId: '111111111111', region: 'us-east-1' };

const config = {
  backend: {
    baseUrl: 'http://localhost:7007',
    database: {
      client: 'pg',
      connection: postgres,
      // A database of its own for this run, shared by both replicas.
      prefix: `portal_${run}_`,
    },
    cache: { store: 'redis', connection: redis },
  },
  aws: { accounts: [{ accountId: where.accountId, accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' }] },
  awsPortal: {
    regions: [where.region],
    sources: {
      widgets: {
        schedule: {
          frequency: { seconds: PERIOD_SECONDS },
          timeout: { seconds: 30 },
          initialDelay: { seconds: 0 },
        },
      },
    },
  },
};

// Earlier runs' databases go before this run makes its own.
beforeAll(async () => {
  const admin = knexFactory({ client: 'pg', connection: postgres });
  try {
    const { rows } = await admin.raw(
      "select datname from pg_database where datname like 'portal\\_r%\\_aws'",
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
});

async function replica(cloud: WidgetCloud) {
  const { server } = await startTestBackend({
    features: [
      awsPlugin,
      createAwsCollectorModule(widgetCollector(cloud)),
      mockServices.rootConfig.factory({ data: config }),
      databaseServiceFactory,
      schedulerServiceFactory,
      cacheServiceFactory,
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  return server;
}

const asUser = { Authorization: mockCredentials.user.header() };

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

it('collects once per tick across two replicas, serves the same answer from both, and limits refreshes across them', async () => {
  // One "AWS" for both replicas: every collection reads it exactly once.
  const cloud = new WidgetCloud();
  const name = `widget-${run}`;
  cloud.set(where.accountId, where.region, [{ name, state: 'ok' }]);
  const [a, b] = await Promise.all([replica(cloud), replica(cloud)]);

  const fleet = (server: typeof a) =>
    request(server).get('/api/aws/widgets/fleet').set(asUser);
  await until('both replicas to serve the first collection', async () => {
    const [ra, rb] = await Promise.all([fleet(a), fleet(b)]);
    return ra.body.items?.length === 1 && rb.body.items?.length === 1 ? true : undefined;
  });

  // Ticks over three periods: one replica collects each, never both.
  const reads0 = cloud.reads;
  const started = Date.now();
  await new Promise(r => setTimeout(r, 3 * PERIOD_SECONDS * 1000));
  const ticks = (Date.now() - started) / (PERIOD_SECONDS * 1000);
  const collections = cloud.reads - reads0;
  expect(collections).toBeGreaterThanOrEqual(2);
  expect(collections).toBeLessThanOrEqual(Math.ceil(ticks) + 1);

  // Between ticks both replicas serve the same bytes.
  const same = await until('both replicas to agree', async () => {
    const [ra, rb] = await Promise.all([fleet(a), fleet(b)]);
    return ra.headers.etag === rb.headers.etag ? [ra, rb] : undefined;
  });
  expect(same[0].body).toEqual(same[1].body);
  expect(same[0].body.items).toEqual([expect.objectContaining({ name, state: 'ok' })]);

  // A refresh on one replica counts on the other.
  const key = widgetArn(where, name);
  const first = await request(a).post('/api/aws/widgets/refresh').set(asUser).send({ key });
  expect(first.status).toBe(200);
  const second = await request(b).post('/api/aws/widgets/refresh').set(asUser).send({ key });
  expect(second.status).toBe(429);
  expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  expect(second.body.error.message).toMatch(/^This widget was refreshed moments ago; try again in \d+ s\.$/);
  expect(cloud.refreshes).toBe(1);
});
