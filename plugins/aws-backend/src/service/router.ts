import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EncodedAnswer } from './encodeAnswer';
import { type RefreshLimiter, TooManyRequestsError } from './RefreshLimiter';
import { SourceRuntime } from './SourceRuntime';

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
  /** Checks the read permission of sources that declare one. */
  permissions?: PermissionsService;
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
  const { sources, httpAuth, permissions, refreshLimiter } = options;
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

  /** ALLOW, DENY or CONDITIONAL for the source's read permission; ALLOW when it has none. */
  const readDecision = async (runtime: SourceRuntime, credentials: BackstageCredentials) => {
    const permission = runtime.readPermission;
    if (!permission || !permissions) return AuthorizeResult.ALLOW;
    const [decision] = await permissions.authorizeConditional([{ permission }], { credentials });
    return decision.result;
  };

  /** The entities among `refs` whose data this user may read (one batched decision). */
  const readable = async (runtime: SourceRuntime, refs: string[], credentials: BackstageCredentials) => {
    const decisions = await permissions!.authorize(
      refs.map(resourceRef => ({ permission: runtime.readPermission!, resourceRef })),
      { credentials },
    );
    return new Set(refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW));
  };

  const refusal = (runtime: SourceRuntime, what: string) =>
    new NotAllowedError(
      `You may not read ${what}: ${runtime.itemNoun} data is readable by the owners of the entities it belongs to and by the groups the portal's permission policy names.`,
    );

  router.get('/:source/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const runtime = source(req.params.source);
    const decision = await readDecision(runtime, credentials);
    if (decision === AuthorizeResult.ALLOW) {
      sendEncoded(req, res, await runtime.fleetAnswer());
      return;
    }
    if (decision === AuthorizeResult.DENY) throw refusal(runtime, 'any of it');
    // Conditional: the rows of the entities this user may read.
    const allowed = await readable(runtime, await runtime.rowOwnerRefs(), credentials);
    if (allowed.size === 0) throw refusal(runtime, 'any of it, as you own no entity it belongs to');
    sendEncoded(req, res, await runtime.filteredFleetAnswer(ref => allowed.has(ref)));
  });

  router.get('/:source/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const runtime = source(req.params.source);
    if ((await readDecision(runtime, credentials)) !== AuthorizeResult.ALLOW) {
      throw refusal(runtime, 'the summary of all of it');
    }
    sendEncoded(req, res, await runtime.summaryAnswer());
  });

  router.get('/:source/entity/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { namespace, kind, name } = entityParams.parse(req.params);
    const runtime = source(req.params.source);
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const readPermission = runtime.readPermission;
    if (!readPermission || !permissions) {
      sendEncoded(req, res, await runtime.entityAnswer(entityRef));
      return;
    }
    if (SourceRuntime.isOwnerRef(entityRef)) {
      // A group's or a user's answer: what they own, as far as this user may read it.
      const owned = await runtime.ownedEntityRefs(entityRef);
      const allowed = await readable(runtime, owned, credentials);
      if (owned.length > 0 && allowed.size === 0) throw refusal(runtime, `that of ${entityRef}`);
      sendEncoded(req, res, await runtime.entityAnswer(entityRef, ref => allowed.has(ref)));
      return;
    }
    const [decision] = await permissions.authorize([{ permission: readPermission, resourceRef: entityRef }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) throw refusal(runtime, `that of ${entityRef}`);
    sendEncoded(req, res, await runtime.entityAnswer(entityRef));
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
