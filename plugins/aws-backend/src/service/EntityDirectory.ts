import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AWS_ENTITY_TAG,
  type AwsEntityContext,
  type AwsResourceRef,
  entityOwnsResource,
  ownerEntityRef,
  readAwsEntityContext,
  resourceIdentity,
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
 * without testing every entity: by ARN (its {@link resourceIdentity}), by the
 * first pair of each entity's tag selector, and by entity ref for resources
 * whose `backstage.io/entity` tag names their owner.
 */
export class EntityIndex {
  private readonly byRef = new Map<string, AnnotatedEntity>();
  private readonly byArn = new Map<string, AnnotatedEntity[]>();
  private readonly byTag = new Map<string, AnnotatedEntity[]>();
  private readonly byCostCenter = new Map<string, AnnotatedEntity[]>();
  private readonly byOwner = new Map<string, AnnotatedEntity[]>();

  constructor(readonly entities: AnnotatedEntity[]) {
    for (const entity of entities) {
      this.byRef.set(entity.entityRef, entity);
      for (const { arn } of entity.context.arns) {
        push(this.byArn, resourceIdentity(arn), entity);
      }
      if (entity.context.costCenter) push(this.byCostCenter, entity.context.costCenter, entity);
      const owner = ownerRef(entity);
      if (owner) push(this.byOwner, owner, entity);
      const first = Object.entries(entity.context.tags)[0];
      if (first) push(this.byTag, `${first[0]}=${first[1]}`, entity);
    }
  }

  get(entityRef: string): AnnotatedEntity | undefined {
    return this.byRef.get(entityRef);
  }

  /**
   * Every entity that owns one of the resources, most specific kind first:
   * named by ARN, selected by tags, or named by the resource's
   * `backstage.io/entity` tag.
   */
  owners(...resources: AwsResourceRef[]): AnnotatedEntity[] {
    const found = new Set<AnnotatedEntity>();
    for (const resource of resources) {
      const named = this.named(resource.tags[AWS_ENTITY_TAG]);
      if (named) found.add(named);
      const candidates = new Set(this.byArn.get(resourceIdentity(resource.arn)) ?? []);
      for (const [key, value] of Object.entries(resource.tags)) {
        for (const entity of this.byTag.get(`${key}=${value}`) ?? []) {
          candidates.add(entity);
        }
      }
      for (const entity of candidates) {
        if (entityOwnsResource(entity.context, resource)) found.add(entity);
      }
    }
    return sortByKind([...found]);
  }

  /** The entities annotated with a cost center, most specific kind first. */
  costCenterOwners(costCenter: string | undefined): AnnotatedEntity[] {
    return sortByKind(costCenter ? this.byCostCenter.get(costCenter) ?? [] : []);
  }

  /** The annotated entities a group or user owns (`spec.owner`), most specific kind first. */
  ownedBy(ownerRefOfGroup: string): AnnotatedEntity[] {
    return sortByKind(this.byOwner.get(ownerRefOfGroup) ?? []);
  }

  private named(ref: string | undefined): AnnotatedEntity | undefined {
    if (!ref) return undefined;
    try {
      return this.byRef.get(
        stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'component', defaultNamespace: 'default' })),
      );
    } catch {
      return undefined; // a malformed tag names nobody
    }
  }
}

/** The full ref of an entity's owner (`team-crm` → `group:default/team-crm`). */
function ownerRef(entity: AnnotatedEntity): string | undefined {
  return ownerEntityRef(entity.owner, parseEntityRef(entity.entityRef).namespace);
}

function sortByKind(entities: AnnotatedEntity[]): AnnotatedEntity[] {
  return [...entities].sort(
    (a, b) =>
      KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.entityRef.localeCompare(b.entityRef),
  );
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
  if (Object.keys(context.tags).length === 0 && context.arns.length === 0 && !context.costCenter) {
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
    recovery: context.recovery,
  };
}
