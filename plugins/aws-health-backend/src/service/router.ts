import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { FleetHealthService } from './FleetHealthService';
import type { RateLimiter } from './RateLimiter';

const refreshBody = z.object({
  serviceArn: z
    .string({ error: 'serviceArn is required.' })
    .regex(/^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/.+/, {
      error: 'serviceArn must be an ECS service ARN (arn:aws:ecs:region:account:service/cluster/name).',
    }),
});

const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

export interface RouterOptions {
  service: FleetHealthService;
  httpAuth: HttpAuthService;
  refreshLimiter: RateLimiter;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, refreshLimiter } = options;
  const router = Router();
  router.use(express.json());

  // Built and gzipped once per collection; page views only copy bytes.
  router.get('/fleet', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const answer = await service.getFleetAnswer();
    res.set({ ETag: answer.etag, Vary: 'Accept-Encoding' });
    res.type('application/json');
    if (req.headers['if-none-match'] === answer.etag) {
      res.status(304).end();
    } else if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.set('Content-Encoding', 'gzip').send(answer.gzip);
    } else {
      res.send(answer.json);
    }
  });

  router.get('/entity/:namespace/:kind/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { namespace, kind, name } = entityParams.parse(req.params);
    res.json(await service.getEntityHealth(`${kind}:${namespace}/${name}`));
  });

  router.post('/refresh', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const parsed = refreshBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map(i => i.message).join(' '));
    }
    const { serviceArn } = parsed.data;
    const waitMs = refreshLimiter.take(serviceArn);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .json({
          error: {
            name: 'TooManyRequestsError',
            message: `This service was refreshed moments ago; try again in ${seconds} s.`,
          },
          response: { statusCode: 429 },
        });
      return;
    }
    res.json({ service: await service.refreshService(serviceArn) });
  });

  return router;
}
