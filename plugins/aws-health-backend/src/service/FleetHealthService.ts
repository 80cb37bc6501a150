import type {
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  type AwsEntityContext,
  entityOwnsResource,
  readAwsEntityContext,
} from '@internal/plugin-aws-common';
import {
  type EcsServiceHealth,
  type EntityHealthResponse,
  type FleetServiceRow,
  type TargetState,
  assessService,
} from '@internal/plugin-aws-health-common';
import type { WatchedTarget } from '@internal/plugin-aws-node';
import pLimit from 'p-limit';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EcsSource } from '../sources/EcsSource';
import type { HealthStore } from '../store/HealthStore';
import { collectionErrorSentence } from './errorSentence';

/** The reads and the one write the router offers. */
export interface FleetHealthService {
  /** The fleet as JSON text and as gzip bytes, with an ETag. */
  getFleetAnswer(): Promise<FleetAnswer>;
  getEntityHealth(entityRef: string): Promise<EntityHealthResponse>;
  refreshService(serviceArn: string): Promise<EcsServiceHealth>;
  /** Collects every target once (the scheduled task). */
  collectAll(): Promise<void>;
}

interface EntityInfo {
  ref: string;
  context: AwsEntityContext;
  system?: string;
  owner?: string;
}

/** A built fleet answer, encoded once and served to every page view. */
export interface FleetAnswer {
  json: string;
  gzip: Buffer;
  etag: string;
}

interface Snapshot extends FleetAnswer {
  version: string;
  builtAt: number;
  checkedAt: number;
  byArn: Map<string, EcsServiceHealth>;
  targets: TargetState[];
}

export interface FleetHealthServiceOptions {
  store: HealthStore;
  source: EcsSource;
  targets: WatchedTarget[];
  demo: boolean;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** A target whose last success is older than this is stale. */
  staleAfterMs: number;
  /** How long a built answer is served before checking the tables for news. */
  cacheTtlMs?: number;
  entityCacheTtlMs?: number;
  clock?: () => Date;
}

const COLLECT_CONCURRENCY = 4;

/**
 * Collects into the snapshot tables and answers page views from them, through
 * an in-memory copy rebuilt after each write and at most every few seconds
 * (so replicas that do not collect pick up new data). Page views never call
 * AWS.
 */
export class DefaultFleetHealthService implements FleetHealthService {
  private snapshot?: Promise<Snapshot>;
  private entities?: { at: number; list: Promise<EntityInfo[]> };
  private readonly cacheTtlMs: number;
  private readonly entityCacheTtlMs: number;
  private readonly clock: () => Date;

  static create(options: FleetHealthServiceOptions) {
    return new DefaultFleetHealthService(options);
  }

  private constructor(private readonly o: FleetHealthServiceOptions) {
    this.cacheTtlMs = o.cacheTtlMs ?? 5_000;
    this.entityCacheTtlMs = o.entityCacheTtlMs ?? 60_000;
    this.clock = o.clock ?? (() => new Date());
  }

  async collectAll(): Promise<void> {
    const { store, source, targets, logger } = this.o;
    await store.retainOnly(targets);
    const limit = pLimit(COLLECT_CONCURRENCY);
    await Promise.all(
      targets.map(target =>
        limit(async () => {
          const started = this.clock().toISOString();
          try {
            const services = await source.collectTarget(target);
            await store.replaceTarget(target, services, started);
            logger.info(
              `Collected ${services.length} ECS services from ${target.accountId}/${target.region}`,
            );
          } catch (error) {
            const sentence = collectionErrorSentence(target, error);
            logger.warn(sentence);
            await store.recordFailure(target, sentence, started);
          }
        }),
      ),
    );
    this.invalidate();
  }

  async getFleetAnswer(): Promise<FleetAnswer> {
    const { json, gzip, etag } = await this.current();
    return { json, gzip, etag };
  }

  async getEntityHealth(entityRef: string): Promise<EntityHealthResponse> {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    const info = (await this.entityList()).find(e => e.ref === ref);
    if (!info) {
      throw new NotFoundError(`No entity ${ref} with AWS annotations.`);
    }
    const snap = await this.current();
    const services = [...snap.byArn.values()].filter(s =>
      entityOwnsResource(info.context, {
        arn: s.serviceArn,
        accountId: s.accountId,
        region: s.region,
        tags: s.tags,
      }),
    );
    const where = new Set(services.map(s => `${s.accountId}/${s.region}`));
    return {
      demo: this.o.demo,
      entityRef: ref,
      targets: snap.targets.filter(
        t =>
          where.has(`${t.accountId}/${t.region}`) ||
          ((!info.context.accountId || info.context.accountId === t.accountId) &&
            (!info.context.region || info.context.region === t.region)),
      ),
      services,
    };
  }

  async refreshService(serviceArn: string): Promise<EcsServiceHealth> {
    const known = (await this.current()).byArn.get(serviceArn);
    if (!known) {
      throw new NotFoundError(`The portal knows no ECS service ${serviceArn}.`);
    }
    const target = this.o.targets.find(
      t => t.accountId === known.accountId && t.region === known.region,
    ) ?? { accountId: known.accountId, region: known.region };
    const collectedAt = this.clock().toISOString();
    const fresh = await this.o.source.collectService(
      target,
      known.clusterArn,
      known.serviceName,
    );
    if (!fresh) {
      await this.o.store.deleteService(serviceArn);
      this.invalidate();
      throw new NotFoundError(
        `${known.serviceName} no longer exists in ${known.clusterName} (${known.accountId}/${known.region}).`,
      );
    }
    await this.o.store.upsertService(fresh, collectedAt);
    this.invalidate();
    return { ...fresh, ...assessService(fresh, this.clock()), collectedAt };
  }

  private invalidate() {
    this.snapshot = undefined;
  }

  private current(): Promise<Snapshot> {
    const cached = this.snapshot;
    if (!cached) return this.rebuild(undefined);
    return cached.then(async snap => {
      const now = Date.now();
      if (now - snap.checkedAt < this.cacheTtlMs) return snap;
      // Another replica may have collected: compare a cheap fingerprint of
      // the tables, and rebuild only when it moved (or once a minute, since
      // staleness depends on the clock).
      snap.checkedAt = now;
      const version = await this.o.store.version();
      if (version === snap.version && now - snap.builtAt < 60_000) return snap;
      return this.rebuild(cached);
    });
  }

  private rebuild(expected: Promise<Snapshot> | undefined): Promise<Snapshot> {
    // Concurrent callers share one rebuild.
    if (this.snapshot && this.snapshot !== expected) return this.snapshot;
    const next = this.build();
    this.snapshot = next;
    next.catch(() => {
      if (this.snapshot === next) this.snapshot = undefined;
    });
    return next;
  }

  private async build(): Promise<Snapshot> {
    const now = this.clock();
    const [version, stored, storedTargets, entities] = await Promise.all([
      this.o.store.version(),
      this.o.store.listServices(),
      this.o.store.listTargets(),
      this.entityList().catch(error => {
        this.o.logger.warn(
          `Could not read the catalog to name service owners: ${error}`,
        );
        return [] as EntityInfo[];
      }),
    ]);
    const targets: TargetState[] = storedTargets.map(t => ({
      accountId: t.accountId,
      region: t.region,
      collectedAt: t.collectedAt,
      lastAttemptAt: t.lastAttemptAt,
      error: t.error,
      serviceCount: t.serviceCount,
      stale:
        !!t.error ||
        !t.collectedAt ||
        now.getTime() - Date.parse(t.collectedAt) > this.o.staleAfterMs,
    }));
    const byArn = new Map<string, EcsServiceHealth>();
    const rows: FleetServiceRow[] = [];
    for (const { snapshot: s, collectedAt } of stored) {
      const verdict = assessService(s, now);
      const health: EcsServiceHealth = { ...s, ...verdict, collectedAt };
      byArn.set(s.serviceArn, health);
      const ref = { arn: s.serviceArn, accountId: s.accountId, region: s.region, tags: s.tags };
      const owner = entities.find(e => entityOwnsResource(e.context, ref));
      const primary =
        s.deployments.find(d => d.status === 'PRIMARY') ?? s.deployments[0];
      rows.push({
        serviceArn: s.serviceArn,
        serviceName: s.serviceName,
        clusterName: s.clusterName,
        accountId: s.accountId,
        region: s.region,
        status: verdict.status,
        reason: verdict.reasons[0],
        desiredCount: s.desiredCount,
        runningCount: s.runningCount,
        pendingCount: s.pendingCount,
        rolloutState: primary?.rolloutState,
        environment: s.tags.Environment ?? owner?.context.environment,
        entityRef: owner?.ref,
        system: owner?.system,
        owner: owner?.owner,
        collectedAt,
      });
    }
    rows.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
    const json = JSON.stringify({
      demo: this.o.demo,
      generatedAt: now.toISOString(),
      targets,
      services: rows,
    });
    return {
      json,
      gzip: gzipSync(json),
      etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
      version,
      builtAt: Date.now(),
      checkedAt: Date.now(),
      byArn,
      targets,
    };
  }

  private entityList(): Promise<EntityInfo[]> {
    const now = Date.now();
    if (!this.entities || now - this.entities.at > this.entityCacheTtlMs) {
      const list = this.loadEntities();
      this.entities = { at: now, list };
      list.catch(() => {
        if (this.entities?.list === list) this.entities = undefined;
      });
    }
    return this.entities.list;
  }

  private async loadEntities(): Promise<EntityInfo[]> {
    const { items } = await this.o.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.system',
          'spec.owner',
        ],
      },
      { credentials: await this.o.auth.getOwnServiceCredentials() },
    );
    return items.map(toEntityInfo).filter((e): e is EntityInfo => !!e);
  }
}

function toEntityInfo(entity: Entity): EntityInfo | undefined {
  const result = readAwsEntityContext(entity);
  if (!result.ok) return undefined;
  const { context } = result;
  if (Object.keys(context.tags).length === 0 && context.arns.length === 0) {
    return undefined;
  }
  const spec = (entity.spec ?? {}) as { system?: string; owner?: string };
  return {
    ref: stringifyEntityRef(entity),
    context,
    system: spec.system,
    owner: spec.owner,
  };
}
