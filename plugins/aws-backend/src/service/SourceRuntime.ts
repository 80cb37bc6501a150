import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  AccountRegion,
  AccountRegionState,
  AwsResourceRef,
  CollectionAnswer,
  EntityCollectionAnswer,
} from '@internal/plugin-aws-common';
import {
  type AwsClientFactory,
  type AwsCollector,
  type CollectContext,
  type KnownResource,
  type StoredItem,
  collectionErrorSentence,
} from '@internal/plugin-aws-node';
import pLimit from 'p-limit';
import type { CollectionStore } from '../store/CollectionStore';
import { type EncodedAnswer, encodeAnswer } from './encodeAnswer';
import type { AnnotatedEntity, EntityDirectory, EntityIndex } from './EntityDirectory';
import type { KnownResources } from './KnownResources';

export interface SourceRuntimeOptions {
  collector: AwsCollector<unknown, unknown, unknown>;
  store: CollectionStore;
  clients: AwsClientFactory;
  directory: EntityDirectory;
  /** Tags of the resources other sources collected; used when the collector names related resources. */
  knownResources?: KnownResources;
  /** Where to collect: the watched account × regions, or the demo's. */
  accountRegions: AccountRegion[];
  demo: boolean;
  logger: LoggerService;
  /** A part whose last success is older than this is stale. */
  staleAfterMs: number;
  /** How long a built answer is trusted before asking the tables for news. Default 5 s. */
  cacheTtlMs?: number;
  /** Account × regions collected at once. Default 4. */
  concurrency?: number;
  clock?: () => Date;
}

interface Built {
  version: string;
  builtAt: number;
  checkedAt: number;
  fleet: CollectionAnswer<unknown>;
  fleetEncoded: EncodedAnswer;
  /** Every owner of each fleet row, in row order. */
  rowOwners: string[][];
  summary?: EncodedAnswer;
  parts: AccountRegionState[];
  index: EntityIndex;
  detailsByEntity: Map<string, unknown[]>;
  /** The account × regions each entity's items come from. */
  partsByEntity: Map<string, Set<string>>;
  entityAnswers: Map<string, EncodedAnswer>;
}

function byKey(a: { key: string }, b: { key: string }): number {
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

const resourceOf = (item: StoredItem<unknown>): AwsResourceRef => ({
  arn: item.key,
  accountId: item.accountId,
  region: item.region,
  tags: item.tags,
});

type TagsOf = (arn: string) => Record<string, string>;
const NO_TAGS: TagsOf = () => ({});

/**
 * One source in the collection pipeline: collects it into the tables and
 * serves its answers from an in-memory copy, built and encoded once after
 * each write and whenever another replica's write moves the tables' version.
 * Page views never call AWS.
 */
export class SourceRuntime {
  private built?: Promise<Built>;
  private readonly clock: () => Date;
  private readonly logger: LoggerService;

  constructor(private readonly o: SourceRuntimeOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.logger = o.logger.child({ source: o.collector.id });
  }

  get id(): string {
    return this.o.collector.id;
  }

  get itemNoun(): string {
    return this.o.collector.itemNoun;
  }

  /** Throws an InputError with a sentence when `key` cannot be refreshed. */
  checkRefreshKey(key: string): void {
    const { collector } = this.o;
    const malformed = collector.checkKey?.(key);
    if (malformed) throw new InputError(malformed);
    if (!collector.refresh) {
      throw new InputError(
        `A ${collector.itemNoun} cannot be refreshed on its own; it is collected on schedule.`,
      );
    }
  }

  /** The account × regions this source collects: each is its own scheduled task. */
  get parts(): AccountRegion[] {
    return this.o.accountRegions;
  }

  /** Forgets the parts no longer watched (at start, before any collection). */
  async retainParts(): Promise<void> {
    await this.o.store.retainOnly(this.o.collector.id, this.o.accountRegions);
  }

  /** Collects every account × region once (tests and benchmarks; the backend schedules parts). */
  async collectAll(): Promise<void> {
    await this.retainParts();
    const limit = pLimit(this.o.concurrency ?? 4);
    await Promise.all(this.o.accountRegions.map(part => limit(() => this.collectPart(part))));
  }

  /**
   * Collects one account × region and stores it as it came, or keeps its last
   * good items and records why it failed. One part's failure touches no other.
   */
  async collectPart(part: AccountRegion): Promise<void> {
    const { store, collector } = this.o;
    const started = this.clock();
    const where = `${part.accountId}/${part.region}`;
    try {
      const items = this.o.demo
        ? collector.demo(part, started)
        : await collector.collect(part, await this.context(part));
      await store.replacePart(collector.id, part, items, started.toISOString());
      this.logger.info(`Collected ${items.length} × ${collector.itemNoun} from ${where}`);
    } catch (error) {
      const sentence = collectionErrorSentence(part, error);
      this.logger.warn(sentence);
      await store.recordFailure(collector.id, part, sentence, started.toISOString());
    }
    this.built = undefined;
  }

  private async context(
    part: AccountRegion,
    previous?: StoredItem<unknown>[],
  ): Promise<CollectContext<unknown>> {
    return {
      clients: this.o.clients,
      previous: previous ?? (await this.o.store.listItems(this.o.collector.id, part)),
      logger: this.logger,
      now: this.clock(),
    };
  }

  /**
   * The stored item a user asks to refresh: throws an InputError when `key`
   * cannot be refreshed and a NotFoundError when the portal knows no such
   * item, before anything is charged or AWS is asked.
   */
  async refreshable(key: string): Promise<StoredItem<unknown>> {
    const { collector, store } = this.o;
    this.checkRefreshKey(key);
    const known = await store.getItem<unknown>(collector.id, key);
    if (!known) {
      throw new NotFoundError(`The portal knows no ${collector.itemNoun} ${key}.`);
    }
    return known;
  }

  /** Re-reads one item for a user and returns its detail. */
  async refreshItem(key: string): Promise<unknown> {
    return this.refreshKnown(await this.refreshable(key));
  }

  /** Re-reads an item found by {@link SourceRuntime.refreshable} and returns its detail. */
  async refreshKnown(known: StoredItem<unknown>): Promise<unknown> {
    const { collector, store } = this.o;
    const { key } = known;
    const part = this.o.accountRegions.find(
      p => p.accountId === known.accountId && p.region === known.region,
    ) ?? { accountId: known.accountId, region: known.region };
    const now = this.clock();
    const fresh = this.o.demo
      ? collector.demo(part, now).find(i => i.key === key)
      : await collector.refresh!(known, await this.context(part, [known]));
    await store.putItem(collector.id, part, key, fresh, now.toISOString());
    this.built = undefined;
    if (!fresh) {
      throw new NotFoundError(
        `The ${collector.itemNoun} ${key} no longer exists in account ${part.accountId} (${part.region}).`,
      );
    }
    const item = { ...fresh, collectedAt: now.toISOString() };
    const [index, tagsOf] = await Promise.all([this.o.directory.index(), this.tagsOf()]);
    const owners = this.owners(index, tagsOf, item);
    return collector.present(item, { now, owner: owners[0], owners }).detail;
  }

  /** The item's owners, and those of the resources it is about. */
  private owners(index: EntityIndex, tagsOf: TagsOf, item: StoredItem<unknown>): AnnotatedEntity[] {
    if (this.o.collector.ownedBy === 'cost-center') return index.costCenterOwners(item.tags.CostCenter);
    const related = this.o.collector.resources?.(item) ?? [];
    if (related.length === 0) return index.owners(resourceOf(item));
    return index.owners(
      resourceOf(item),
      ...related.map(arn => ({
        arn,
        accountId: item.accountId,
        region: item.region,
        tags: tagsOf(arn),
      })),
    );
  }

  private tagsOf(): Promise<TagsOf> {
    const { collector, knownResources } = this.o;
    return collector.resources && knownResources ? knownResources.tagsOf() : Promise.resolve(NO_TAGS);
  }

  /** Every collected resource with its owners, worked out when first asked; for collectors that read them. */
  private async knownResources(
    index: EntityIndex,
    version: string,
  ): Promise<(() => KnownResource[]) | undefined> {
    const { collector, knownResources } = this.o;
    if (!collector.readsKnownResources || !knownResources) return undefined;
    const resources = await knownResources.list(version);
    let withOwners: KnownResource[] | undefined;
    return () => {
      withOwners ??= resources.map(resource => ({ ...resource, owners: index.owners(resource) }));
      return withOwners;
    };
  }

  /**
   * What moves when the answers must be built again: this source's tables,
   * or every source's when the collector reads the resources they collected.
   */
  private version(): Promise<string> {
    return this.o.store.version(this.o.collector.readsKnownResources ? undefined : this.id);
  }

  /** The collector's digest of the fleet rows; 404 when it has none. */
  async summaryAnswer(): Promise<EncodedAnswer> {
    const { summary } = await this.current();
    if (!summary) throw new NotFoundError(`The ${this.id} source has no summary.`);
    return summary;
  }

  async fleetAnswer(): Promise<EncodedAnswer> {
    return (await this.current()).fleetEncoded;
  }

  /** The permission reading this source needs, if any. */
  get readPermission() {
    return this.o.collector.readPermission;
  }

  /** Who may read the source, in the words of a 403 (the collector's, when it has them). */
  get readRule(): string {
    return (
      this.o.collector.readRule ??
      `${this.o.collector.itemNoun} data is readable by the owners of the entities it belongs to and by the groups the portal's permission policy names.`
    );
  }

  /** The source's own reason why an entity's data is refused, when it has one (e.g. an unverified claim). */
  async refusalReason(entityRef: string): Promise<string | undefined> {
    const explain = this.o.collector.explainRefusal;
    if (!explain) return undefined;
    const built = await this.current();
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    return explain(ref, built.detailsByEntity.get(ref) ?? []);
  }

  /**
   * What permission decisions about this source's answers may be cached
   * against: a new object whenever the answers are rebuilt (a collection,
   * or a new view of the catalog).
   */
  async decisionScope(): Promise<object> {
    return this.current();
  }

  /** Every entity that owns a fleet row: what a conditional permission is checked against. */
  async rowOwnerRefs(): Promise<string[]> {
    return [...new Set((await this.current()).rowOwners.flat())].sort();
  }

  /** The fleet answer with only the rows one of whose owners passes `allowed`. */
  async filteredFleetAnswer(allowed: (entityRef: string) => boolean): Promise<EncodedAnswer> {
    const built = await this.current();
    const { restrictRow } = this.o.collector;
    const items = built.fleet.items.filter((_, i) => built.rowOwners[i].some(allowed));
    return encodeAnswer({
      ...built.fleet,
      items: restrictRow ? items.map(row => restrictRow(row, allowed)) : items,
    });
  }

  /** Whether the ref names a group or a user: their answers gather what they own. */
  static isOwnerRef(entityRef: string): boolean {
    const { kind } = parseEntityRef(entityRef);
    return kind.toLocaleLowerCase('en-US') === 'group' || kind.toLocaleLowerCase('en-US') === 'user';
  }

  /** The annotated entities a group or user owns. */
  async ownedEntityRefs(ownerRef: string): Promise<string[]> {
    const built = await this.current();
    return built.index.ownedBy(stringifyEntityRef(parseEntityRef(ownerRef))).map(e => e.entityRef);
  }

  /**
   * The items of an annotated entity; for a group or a user, those of every
   * annotated entity it owns (once each), restricted to the owned entities
   * `allowed` passes when given.
   */
  async entityAnswer(entityRef: string, allowed?: (entityRef: string) => boolean): Promise<EncodedAnswer> {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    const built = await this.current();
    const cached = allowed ? undefined : built.entityAnswers.get(ref);
    if (cached) return cached;
    let answer: EntityCollectionAnswer<unknown>;
    if (SourceRuntime.isOwnerRef(ref)) {
      const owned = built.index.ownedBy(ref).filter(e => !allowed || allowed(e.entityRef));
      const where = new Set(owned.flatMap(e => [...(built.partsByEntity.get(e.entityRef) ?? [])]));
      answer = {
        source: this.id,
        demo: this.o.demo,
        entityRef: ref,
        accountRegions: built.parts.filter(p => where.has(`${p.accountId}/${p.region}`)),
        items: [...new Set(owned.flatMap(e => built.detailsByEntity.get(e.entityRef) ?? []))],
      };
    } else {
      const entity = built.index.get(ref);
      if (!entity) throw new NotFoundError(`No entity ${ref} with AWS annotations.`);
      const { context } = entity;
      answer = {
        source: this.id,
        demo: this.o.demo,
        entityRef: ref,
        accountRegions: built.parts.filter(
          p =>
            built.partsByEntity.get(ref)?.has(`${p.accountId}/${p.region}`) ||
            ((!context.accountId || context.accountId === p.accountId) &&
              (!context.region || context.region === p.region)),
        ),
        items: built.detailsByEntity.get(ref) ?? [],
      };
    }
    const encoded = encodeAnswer(answer);
    if (!allowed) built.entityAnswers.set(ref, encoded);
    return encoded;
  }

  private current(): Promise<Built> {
    const cached = this.built;
    if (!cached) return this.rebuild(undefined);
    return cached.then(async built => {
      const now = Date.now();
      if (now - built.checkedAt < (this.o.cacheTtlMs ?? 5_000)) return built;
      // Another replica may have written: compare the tables' version, and
      // rebuild only when it moved (or once a minute, since staleness and the
      // catalog's owners change with time).
      built.checkedAt = now;
      const version = await this.version();
      if (version === built.version && now - built.builtAt < 60_000) return built;
      return this.rebuild(cached);
    });
  }

  private rebuild(expected: Promise<Built> | undefined): Promise<Built> {
    // Concurrent callers share one build.
    if (this.built && this.built !== expected) return this.built;
    const next = this.build();
    this.built = next;
    next.catch(() => {
      if (this.built === next) this.built = undefined;
    });
    return next;
  }

  private async build(): Promise<Built> {
    const { store, collector, directory } = this.o;
    const now = this.clock();
    const [version, stored, items, index, tagsOf] = await Promise.all([
      this.version(),
      store.listParts(this.id),
      store.listItems<unknown>(this.id),
      directory.index(),
      this.tagsOf(),
    ]);
    const knownResources = await this.knownResources(index, version);
    const parts: AccountRegionState[] = stored.map(p => ({
      ...p,
      stale:
        !!p.error ||
        !p.collectedAt ||
        now.getTime() - Date.parse(p.collectedAt) > this.o.staleAfterMs,
    }));
    items.sort(byKey);
    const rows: Array<{ row: unknown; owners: string[] }> = [];
    const detailsByEntity = new Map<string, unknown[]>();
    const partsByEntity = new Map<string, Set<string>>();
    let newest = '';
    for (const item of items) {
      const owners = this.owners(index, tagsOf, item);
      const { row, detail } = collector.present(item, { now, owner: owners[0], owners, knownResources });
      rows.push({ row, owners: owners.map(o => o.entityRef) });
      for (const { entityRef } of owners) {
        const list = detailsByEntity.get(entityRef);
        if (list) list.push(detail);
        else detailsByEntity.set(entityRef, [detail]);
        const where = partsByEntity.get(entityRef) ?? new Set<string>();
        where.add(`${item.accountId}/${item.region}`);
        partsByEntity.set(entityRef, where);
      }
      if (item.collectedAt > newest) newest = item.collectedAt;
    }
    if (collector.compareRows) rows.sort((a, b) => collector.compareRows!(a.row, b.row));
    for (const p of stored) {
      for (const at of [p.collectedAt, p.lastAttemptAt]) if (at && at > newest) newest = at;
    }
    // Derived from the data, not the clock, so that every replica builds the
    // same bytes and the same ETag.
    const fleet: CollectionAnswer<unknown> = {
      source: this.id,
      demo: this.o.demo,
      generatedAt: newest || new Date(0).toISOString(),
      accountRegions: parts,
      items: rows.map(r => r.row),
    };
    const summary = collector.summarize
      ? encodeAnswer({
          source: this.id,
          demo: this.o.demo,
          generatedAt: fleet.generatedAt,
          accountRegions: parts,
          summary: collector.summarize(fleet.items),
        })
      : undefined;
    return {
      version,
      builtAt: Date.now(),
      checkedAt: Date.now(),
      fleet,
      fleetEncoded: encodeAnswer(fleet),
      rowOwners: rows.map(r => r.owners),
      summary,
      parts,
      index,
      detailsByEntity,
      partsByEntity,
      entityAnswers: new Map(),
    };
  }
}
