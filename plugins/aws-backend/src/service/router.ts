import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EncodedAnswer } from './encodeAnswer';
import { type RefreshLimiter, TooManyRequestsError } from './RefreshLimiter';
import { DecisionCache } from './DecisionCache';
import { SourceRuntime } from './SourceRuntime';

const refreshBody = z.object({
  key: z
    .string({ error: 'key is required: the item to refresh, e.g. its ARN.' })
    .min(1, { error: 'key is required: the item to refresh, e.g. its ARN.' })
    .max(2048, { error: 'key is longer than any AWS ARN (2,048 characters).' }),
});

/** The catalog's own rules for the parts of an entity reference. */
const ENTITY_PART = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const KIND = /^[a-zA-Z][a-zA-Z0-9]{0,62}$/;
/** A source id: lower-case words joined by dashes (`ecs-health`). */
export const SOURCE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const part = (what: string, pattern: RegExp, example: string) =>
  z.string().superRefine((value, ctx) => {
    if (!pattern.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `The ${what} in the path must be ${example}, not ${JSON.stringify(value.slice(0, 80))}.`,
      });
    }
  });

const sourceParams = z.object({
  source: part('data source', SOURCE_ID, 'a source id such as ecs-health (lower-case words and dashes)'),
});

const entityParams = sourceParams.extend({
  namespace: part('namespace', ENTITY_PART, 'a catalog namespace such as default (letters, digits, -, _ and .)'),
  kind: part('kind', KIND, 'a catalog kind such as component (letters and digits)'),
  name: part('name', ENTITY_PART, 'a catalog entity name such as crm-core-service (letters, digits, -, _ and .)'),
});

/** Path parameters checked against `schema`, or an InputError naming what is wrong. */
function params<T>(schema: z.ZodType<T>, req: express.Request): T {
  const parsed = schema.safeParse(req.params);
  if (!parsed.success) throw new InputError(parsed.error.issues.map(i => i.message).join(' '));
  return parsed.data;
}

/** A request with a method the route does not take: 405 with an Allow header. */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;
  readonly statusCode = 405;

  constructor(
    method: string,
    path: string,
    readonly allow: string[],
  ) {
    super(`${path} takes ${allow.join(' and ')}, not ${method}.`);
  }
}

/** The routes and the methods each takes, for 405 answers. */
const ROUTES: Array<[path: string, methods: string[]]> = [
  ['/:source/fleet', ['GET', 'HEAD']],
  ['/:source/summary', ['GET', 'HEAD']],
  ['/:source/entity/:namespace/:kind/:name', ['GET', 'HEAD']],
  ['/:source/refresh', ['POST']],
];

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

  // Decisions per caller, as long as the answers they are about (at most 30 s).
  const decisions = permissions ? new DecisionCache(permissions) : undefined;

  /** ALLOW, DENY or CONDITIONAL for the source's read permission; ALLOW when it has none. */
  const readDecision = async (runtime: SourceRuntime, credentials: BackstageCredentials) => {
    const permission = runtime.readPermission;
    if (!permission || !decisions) return AuthorizeResult.ALLOW;
    return decisions.overall(await runtime.decisionScope(), permission, credentials);
  };

  /** The entities among `refs` whose data this user may read (one batched decision, then cached). */
  const readable = async (runtime: SourceRuntime, refs: string[], credentials: BackstageCredentials) =>
    decisions!.readable(await runtime.decisionScope(), runtime.readPermission!, refs, credentials);

  const refusal = (runtime: SourceRuntime, what: string, reason?: string) =>
    new NotAllowedError(`You may not read ${what}: ${reason ?? runtime.readRule}`);

  router.get('/:source/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const runtime = source(params(sourceParams, req).source);
    const decision = await readDecision(runtime, credentials);
    if (decision === AuthorizeResult.ALLOW) {
      sendEncoded(req, res, await runtime.fleetAnswer());
      return;
    }
    if (decision === AuthorizeResult.DENY) throw refusal(runtime, 'any of it');
    // Conditional: the rows of the entities this user may read.
    const allowed = await readable(runtime, await runtime.rowOwnerRefs(), credentials);
    if (allowed.size === 0) throw refusal(runtime, 'any of it');
    sendEncoded(req, res, await runtime.filteredFleetAnswer(ref => allowed.has(ref)));
  });

  router.get('/:source/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const runtime = source(params(sourceParams, req).source);
    if ((await readDecision(runtime, credentials)) !== AuthorizeResult.ALLOW) {
      throw refusal(runtime, 'the summary of all of it');
    }
    sendEncoded(req, res, await runtime.summaryAnswer());
  });

  router.get('/:source/entity/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { namespace, kind, name, source: sourceId } = params(entityParams, req);
    const runtime = source(sourceId);
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
    if ((await readDecision(runtime, credentials)) !== AuthorizeResult.ALLOW) {
      const allowed = await readable(runtime, [entityRef], credentials);
      if (!allowed.has(entityRef)) {
        throw refusal(runtime, `that of ${entityRef}`, await runtime.refusalReason(entityRef));
      }
    }
    sendEncoded(req, res, await runtime.entityAnswer(entityRef));
  });

  router.post('/:source/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const runtime = source(params(sourceParams, req).source);
    const parsed = refreshBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map(i => i.message).join(' '));
    }
    // Found first, charged after: an unknown key costs the caller nothing.
    const known = await runtime.refreshable(parsed.data.key);
    await refreshLimiter.take(runtime.id, known.key, runtime.itemNoun, credentials.principal.userEntityRef);
    res.json({ item: await runtime.refreshKnown(known) });
  });

  for (const [path, methods] of ROUTES) {
    router.all(path, req => {
      throw new MethodNotAllowedError(req.method, req.baseUrl + req.path, methods);
    });
  }
  router.use(req => {
    throw new NotFoundError(
      `The AWS portal has no route ${req.method} ${req.baseUrl + req.path}; it serves /<source>/fleet, /<source>/summary, /<source>/entity/<namespace>/<kind>/<name> and POST /<source>/refresh.`,
    );
  });

  // Backstage's error handler answers with the status; the header is ours.
  router.use(
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      // express.json()'s own errors carry the parser's text; answer with ours.
      const type = (error as { type?: string })?.type;
      if (type === 'entity.parse.failed') {
        next(new InputError('The request body must be JSON, e.g. {"key": "<the item\'s ARN>"}.'));
        return;
      }
      if (type === 'entity.too.large') {
        next(Object.assign(new InputError('The request body is larger than a refresh needs (100 kB at most).'), { statusCode: 413 }));
        return;
      }
      if (error instanceof TooManyRequestsError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
      }
      if (error instanceof MethodNotAllowedError) res.set('Allow', error.allow.join(', '));
      next(error);
    },
  );

  return router;
}
