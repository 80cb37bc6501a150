import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { NotFoundError } from '@backstage/errors';
import type {
  EcsServiceHealth,
  EntityHealthResponse,
} from '@internal/plugin-aws-health-common';
import express from 'express';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import type { FleetHealthService } from './FleetHealthService';
import { RateLimiter } from './RateLimiter';
import { createRouter } from './router';

const fleetJson = JSON.stringify({ demo: true, generatedAt: 'now', targets: [], services: [] });
const arn = 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service';

function fakeService(): jest.Mocked<FleetHealthService> {
  return {
    getFleetAnswer: jest.fn(async () => ({
      json: fleetJson,
      gzip: gzipSync(fleetJson),
      etag: '"v1"',
    })),
    getEntityHealth: jest.fn(async (ref: string): Promise<EntityHealthResponse> => {
      if (ref !== 'component:default/crm-core-service') {
        throw new NotFoundError(`No entity ${ref} with AWS annotations.`);
      }
      return { demo: true, entityRef: ref, targets: [], services: [] };
    }),
    refreshService: jest.fn(async (_serviceArn: string) => ({ serviceArn: arn } as EcsServiceHealth)),
    collectAll: jest.fn(),
  };
}

async function app(service = fakeService()) {
  const router = await createRouter({
    service,
    httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
    refreshLimiter: new RateLimiter(30_000, 100),
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return { service, app: express().use(router).use(middleware.error()) };
}

const asUser = { Authorization: mockCredentials.user.header() };

describe('aws-health router', () => {
  it('serves the fleet as the service built it', async () => {
    const { app: a } = await app();
    const res = await request(a).get('/fleet').set(asUser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ demo: true, generatedAt: 'now', targets: [], services: [] });
  });

  it('sends gzip to clients that take it and 304 to clients that have it', async () => {
    const { app: a } = await app();
    const zipped = await request(a).get('/fleet').set(asUser).set('Accept-Encoding', 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toBe('"v1"');
    expect(zipped.body.demo).toBe(true);
    const again = await request(a).get('/fleet').set(asUser).set('If-None-Match', '"v1"');
    expect(again.status).toBe(304);
  });

  it('refuses callers without credentials', async () => {
    const { app: a } = await app();
    expect((await request(a).get('/fleet')).status).toBe(401);
  });

  it('serves one entity and says when it does not know it', async () => {
    const { app: a } = await app();
    const ok = await request(a).get('/entity/default/component/crm-core-service').set(asUser);
    expect(ok.status).toBe(200);
    expect(ok.body.entityRef).toBe('component:default/crm-core-service');
    const missing = await request(a).get('/entity/default/component/nope').set(asUser);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No entity component:default/nope with AWS annotations.',
    );
  });

  it('explains a refresh request without a valid service ARN', async () => {
    const { app: a, service } = await app();
    const res = await request(a).post('/refresh').set(asUser).send({ serviceArn: 'crm-core' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'serviceArn must be an ECS service ARN (arn:aws:ecs:region:account:service/cluster/name).',
    );
    const empty = await request(a).post('/refresh').set(asUser).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('serviceArn is required.');
    expect(service.refreshService).not.toHaveBeenCalled();
  });

  it('refreshes a service once, then asks to wait', async () => {
    const { app: a, service } = await app();
    const first = await request(a).post('/refresh').set(asUser).send({ serviceArn: arn });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ service: { serviceArn: arn } });
    const second = await request(a).post('/refresh').set(asUser).send({ serviceArn: arn });
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('30');
    expect(second.body.error.message).toBe(
      'This service was refreshed moments ago; try again in 30 s.',
    );
    expect(service.refreshService).toHaveBeenCalledTimes(1);
  });

  it('passes a vanished service on as 404', async () => {
    const service = fakeService();
    service.refreshService.mockRejectedValue(
      new NotFoundError('crm-core-service no longer exists in crm-production (111111111111/us-east-1).'),
    );
    const { app: a } = await app(service);
    const res = await request(a).post('/refresh').set(asUser).send({ serviceArn: arn });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no longer exists/);
  });
});
