import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EncodedAnswer } from './encodeAnswer';
import { type RefreshLimiter, TooManyRequestsError } from './RefreshLimiter';
import type { SourceRuntime } from './SourceRuntime';

const refreshBody = z.object({
  key: z
    .string({ error: 'key is required: the item to refresh, e.g. its ARN.' })
    .min(1, { error: 'key is required: the item to refresh, e.g. its ARN.' })
    .max(2048, { error: 'key is longer than any AWS ARN (2,048 characters).' }),
});

const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

export interface RouterOptions {
  sources: Map<string, SourceRuntime>;
  httpAuth: HttpAuthService;
  refreshLimiter: RefreshLimiter;
}

/** Sends an answer encoded once: gzip when the client takes it, 304 when it has it. */
function sendEncoded(req: express.Request, res: express.Response, answer: EncodedAnswer) {
  res.set({ ETag: answer.etag, Vary: 'Accept-Encoding' });
  res.type('application/json');
  if (req.headers['if-none-match'] === answer.etag) {
    res.status(304).end();
  } else if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.set('Content-Encoding', 'gzip').send(answer.gzip);
  } else {
    res.send(answer.json);
  }
}

/**
 * The routes every source gets: `/:source/fleet`, `/:source/entity/…` and
 * `/:source/refresh`. Reads copy bytes built at collection time.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { sources, httpAuth, refreshLimiter } = options;
  const router = Router();
  router.use(express.json());

  const source = (id: string) => {
    const found = sources.get(id);
    if (!found) {
      throw new NotFoundError(
        `No AWS data source "${id}"; this portal has ${[...sources.keys()].join(', ') || 'none'}.`,
      );
    }
    return found;
  };

  router.get('/:source/fleet', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    sendEncoded(req, res, await source(req.params.source).fleetAnswer());
  });

  router.get('/:source/entity/:namespace/:kind/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { namespace, kind, name } = entityParams.parse(req.params);
    const runtime = source(req.params.source);
    sendEncoded(req, res, await runtime.entityAnswer(`${kind}:${namespace}/${name}`));
  });

  router.post('/:source/refresh', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const runtime = source(req.params.source);
    const parsed = refreshBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map(i => i.message).join(' '));
    }
    const { key } = parsed.data;
    runtime.checkRefreshKey(key);
    await refreshLimiter.take(runtime.id, key, runtime.itemNoun);
    res.json({ item: await runtime.refreshItem(key) });
  });

  // Backstage's error handler answers with the status; the header is ours.
  router.use(
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error instanceof TooManyRequestsError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );

  return router;
}
