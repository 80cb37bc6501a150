import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type AwsEntityContext,
  type AwsResourceRef,
  entityOwnsResource,
  readAwsEntityContext,
} from '@internal/plugin-aws-common';
import type { ItemOwner } from '@internal/plugin-aws-node';

/** The kinds whose AWS annotations name resources, most specific first. */
const KINDS = ['Component', 'Resource', 'System'];

/** A catalog entity with AWS annotations that name resources. */
export interface AnnotatedEntity extends ItemOwner {
  context: AwsEntityContext;
}

/**
 * The catalog's annotated entities, indexed to find the owners of a resource
 * without testing every entity: by ARN, and by the first pair of each
 * entity's tag selector.
 */
export class EntityIndex {
  private readonly byRef = new Map<string, AnnotatedEntity>();
  private readonly byArn = new Map<string, AnnotatedEntity[]>();
  private readonly byTag = new Map<string, AnnotatedEntity[]>();

  constructor(readonly entities: AnnotatedEntity[]) {
    for (const entity of entities) {
      this.byRef.set(entity.entityRef, entity);
      for (const { arn } of entity.context.arns) push(this.byArn, arn, entity);
      const first = Object.entries(entity.context.tags)[0];
      if (first) push(this.byTag, `${first[0]}=${first[1]}`, entity);
    }
  }

  get(entityRef: string): AnnotatedEntity | undefined {
    return this.byRef.get(entityRef);
  }

  /** Every entity that owns the resource, most specific kind first. */
  owners(resource: AwsResourceRef): AnnotatedEntity[] {
    const candidates = new Set(this.byArn.get(resource.arn) ?? []);
    for (const [key, value] of Object.entries(resource.tags)) {
      for (const entity of this.byTag.get(`${key}=${value}`) ?? []) {
        candidates.add(entity);
      }
    }
    return [...candidates]
      .filter(e => entityOwnsResource(e.context, resource))
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.entityRef.localeCompare(b.entityRef));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Reads the annotated entities from the catalog, at most once a minute for
 * all sources together. When the catalog cannot be read, the last index (or
 * an empty one) is used and the reason logged: pages then lack owners, not data.
 */
export class EntityDirectory {
  private cached?: { at: number; index: Promise<EntityIndex> };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      ttlMs?: number;
    },
  ) {}

  index(): Promise<EntityIndex> {
    const now = Date.now();
    const ttl = this.deps.ttlMs ?? 60_000;
    if (!this.cached || now - this.cached.at > ttl) {
      const previous = this.cached?.index;
      const index = this.load().catch(async error => {
        this.deps.logger.warn(
          `Could not read the catalog to find the owners of AWS resources: ${error}`,
        );
        this.cached = undefined;
        return previous ? previous.catch(() => new EntityIndex([])) : new EntityIndex([]);
      });
      this.cached = { at: now, index };
    }
    return this.cached.index;
  }

  private async load(): Promise<EntityIndex> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: KINDS.map(kind => ({ kind })),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.system',
          'spec.owner',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return new EntityIndex(
      items.map(toAnnotated).filter((e): e is AnnotatedEntity => !!e),
    );
  }
}

function toAnnotated(entity: Entity): AnnotatedEntity | undefined {
  const result = readAwsEntityContext(entity);
  if (!result.ok) return undefined;
  const { context } = result;
  if (Object.keys(context.tags).length === 0 && context.arns.length === 0) {
    return undefined;
  }
  const spec = (entity.spec ?? {}) as { system?: string; owner?: string };
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    context,
    system: entity.kind === 'System' ? entity.metadata.name : spec.system,
    owner: spec.owner,
    environment: context.environment,
  };
}
