import { CacheManager } from '@backstage/backend-defaults/cache';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { widgetArn } from '../__testUtils__/widgetCollector';
import { CRM, component, sqlite, widgetRuntime } from '../__testUtils__/widgetRuntime';
import { RefreshLimiter } from './RefreshLimiter';
import { createRouter } from './router';

async function app() {
  const { cloud, runtime } = widgetRuntime({
    db: await sqlite(),
    entities: [component('billing', { 'aws.portal/tag-selector': 'Component=billing' })],
  });
  cloud.set(CRM.accountId, CRM.region, [
    { name: 'billing', state: 'ok' },
    { name: 'auth', state: 'ok' },
  ]);
  await runtime.collectAll();
  const router = await createRouter({
    sources: new Map([[runtime.id, runtime]]),
    httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
    refreshLimiter: new RefreshLimiter(
      CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('aws'),
      30_000,
      100,
    ),
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return { cloud, app: express().use(router).use(middleware.error()) };
}

const asUser = { Authorization: mockCredentials.user.header() };

describe('aws collection router', () => {
  it('serves a source’s fleet as built, gzipped to clients that take it and 304 to clients that have it', async () => {
    const { app: a } = await app();
    const res = await request(a).get('/widgets/fleet').set(asUser);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'widgets', demo: false });
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['auth', 'billing']);
    const zipped = await request(a).get('/widgets/fleet').set(asUser).set('Accept-Encoding', 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body).toEqual(res.body);
    const again = await request(a)
      .get('/widgets/fleet')
      .set(asUser)
      .set('If-None-Match', zipped.headers.etag);
    expect(again.status).toBe(304);
  });

  it('refuses callers without credentials and names the sources it has', async () => {
    const { app: a } = await app();
    expect((await request(a).get('/widgets/fleet')).status).toBe(401);
    const unknown = await request(a).get('/gadgets/fleet').set(asUser);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No AWS data source "gadgets"; this portal has widgets.');
  });

  it('serves one entity and says when it does not know it', async () => {
    const { app: a } = await app();
    const ok = await request(a).get('/widgets/entity/default/component/billing').set(asUser);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ entityRef: 'component:default/billing', items: [{ name: 'billing' }] });
    const missing = await request(a).get('/widgets/entity/default/component/nope').set(asUser);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No entity component:default/nope with AWS annotations.');
  });

  it('explains a refresh request without a valid key, before touching AWS', async () => {
    const { app: a, cloud } = await app();
    const empty = await request(a).post('/widgets/refresh').set(asUser).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('key is required: the item to refresh, e.g. its ARN.');
    const malformed = await request(a).post('/widgets/refresh').set(asUser).send({ key: 'billing' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('The key must be a widget ARN.');
    expect(cloud.refreshes).toBe(0);
  });

  it('refreshes an item once, then answers 429 with Retry-After', async () => {
    const { app: a, cloud } = await app();
    const key = widgetArn(CRM, 'billing');
    const first = await request(a).post('/widgets/refresh').set(asUser).send({ key });
    expect(first.status).toBe(200);
    expect(first.body.item).toMatchObject({ name: 'billing', verdict: 'fine' });
    const second = await request(a).post('/widgets/refresh').set(asUser).send({ key });
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('30');
    expect(second.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: 'This widget was refreshed moments ago; try again in 30 s.',
    });
    expect(cloud.refreshes).toBe(1);
  });

  it('passes a vanished item on as 404 with a sentence', async () => {
    const { app: a, cloud } = await app();
    cloud.set(CRM.accountId, CRM.region, []);
    const key = widgetArn(CRM, 'auth');
    const res = await request(a).post('/widgets/refresh').set(asUser).send({ key });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `The widget ${key} no longer exists in account 111111111111 (us-east-1).`,
    );
  });
});
