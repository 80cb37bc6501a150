import { CacheManager } from '@backstage/backend-defaults/cache';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { widgetArn } from '../__testUtils__/widgetCollector';
import { CRM, component, sqlite, widgetRuntime } from '../__testUtils__/widgetRuntime';
import { RefreshLimiter } from './RefreshLimiter';
import { createRouter } from './router';

async function app(limits = { perItemIntervalMs: 30_000, perUserPerMinute: 100 }) {
  const { cloud, runtime } = widgetRuntime({
    db: await sqlite(),
    entities: [component('billing', { 'aws.portal/tag-selector': 'Component=billing' })],
  });
  cloud.set(CRM.accountId, CRM.region, [
    { name: 'billing', state: 'ok' },
    { name: 'auth', state: 'ok' },
    { name: 'search', state: 'ok' },
  ]);
  await runtime.collectAll();
  const router = await createRouter({
    sources: new Map([[runtime.id, runtime]]),
    httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
    refreshLimiter: new RefreshLimiter(CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('aws'), limits),
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
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['auth', 'billing', 'search']);
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

  it('charges a user’s budget only for items it knows, and each user has a budget of their own', async () => {
    const { app: a, cloud } = await app({ perItemIntervalMs: 30_000, perUserPerMinute: 2 });
    const ann = { Authorization: mockCredentials.user.header('user:default/ann') };
    const bob = { Authorization: mockCredentials.user.header('user:default/bob') };
    // Well-formed keys of items the portal does not know: 404, nothing spent, AWS not asked.
    for (let i = 0; i < 5; i++) {
      const unknown = await request(a).post('/widgets/refresh').set(ann).send({ key: widgetArn(CRM, `made-up-${i}`) });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(`The portal knows no widget ${widgetArn(CRM, `made-up-${i}`)}.`);
    }
    expect(cloud.refreshes).toBe(0);
    for (const name of ['billing', 'auth']) {
      expect((await request(a).post('/widgets/refresh').set(ann).send({ key: widgetArn(CRM, name) })).status).toBe(200);
    }
    const spent = await request(a).post('/widgets/refresh').set(ann).send({ key: widgetArn(CRM, 'search') });
    expect(spent.status).toBe(429);
    expect(spent.body.error.message).toMatch(/^You have had your 2 refreshes for this minute; try again in \d+ s\.$/);
    expect((await request(a).post('/widgets/refresh').set(bob).send({ key: widgetArn(CRM, 'search') })).status).toBe(200);
    expect(cloud.refreshes).toBe(3);
  });

  it('answers a method a route does not take with 405, the methods it takes and a sentence', async () => {
    const { app: a } = await app();
    const routes: Array<[string, string[]]> = [
      ['/widgets/fleet', ['post', 'put', 'patch', 'delete']],
      ['/widgets/summary', ['post', 'put', 'patch', 'delete']],
      ['/widgets/entity/default/component/billing', ['post', 'put', 'patch', 'delete']],
      ['/widgets/refresh', ['get', 'put', 'patch', 'delete']],
    ];
    for (const [path, methods] of routes) {
      for (const method of methods) {
        const res = await (request(a) as any)[method](path).set(asUser);
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 405 });
        const allow = path.endsWith('/refresh') ? 'POST' : 'GET and HEAD';
        expect(res.body.error.message).toBe(`${path} takes ${allow}, not ${method.toUpperCase()}.`);
        expect(res.headers.allow).toBe(path.endsWith('/refresh') ? 'POST' : 'GET, HEAD');
      }
    }
    const nowhere = await request(a).get('/widgets/nowhere').set(asUser);
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.message).toMatch(/^The AWS portal has no route GET \/widgets\/nowhere; it serves /);
  });

  it('answers malformed path segments and bodies with 400 and a sentence', async () => {
    const { app: a } = await app();
    const bad: Array<[string, string]> = [
      ['/widgets/entity/default/comp%2Fonent/billing', 'The kind in the path must be a catalog kind such as component (letters and digits), not "comp/onent".'],
      ['/widgets/entity/de%2Ffault/component/billing', 'The namespace in the path must be a catalog namespace such as default (letters, digits, -, _ and .), not "de/fault".'],
      ['/widgets/entity/default/component/bill%20ing', 'The name in the path must be a catalog entity name such as crm-core-service (letters, digits, -, _ and .), not "bill ing".'],
      ['/widgets/entity/default/component/-billing', 'The name in the path must be a catalog entity name such as crm-core-service (letters, digits, -, _ and .), not "-billing".'],
      [`/widgets/entity/default/component/${'x'.repeat(70)}`, `The name in the path must be a catalog entity name such as crm-core-service (letters, digits, -, _ and .), not "${'x'.repeat(70)}".`],
      ['/Widgets/fleet', 'The data source in the path must be a source id such as ecs-health (lower-case words and dashes), not "Widgets".'],
      ['/wid%2Fgets/summary', 'The data source in the path must be a source id such as ecs-health (lower-case words and dashes), not "wid/gets".'],
    ];
    for (const [path, message] of bad) {
      const res = await request(a).get(path).set(asUser);
      expect({ path, status: res.status, message: res.body.error?.message }).toEqual({ path, status: 400, message });
    }
    const notJson = await request(a)
      .post('/widgets/refresh')
      .set(asUser)
      .set('Content-Type', 'application/json')
      .send('{"key": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe('The request body must be JSON, e.g. {"key": "<the item\'s ARN>"}.');
  });
});
