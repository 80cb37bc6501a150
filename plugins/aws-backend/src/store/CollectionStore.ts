import type { AccountRegion } from '@internal/plugin-aws-common';
import type { CollectedItem, StoredItem } from '@internal/plugin-aws-node';
import type { Knex } from 'knex';

/** SQLite binds at most 999 variables a statement: 8 columns × 100 rows stays under. */
const INSERT_CHUNK = 100;

/** One account × region of one source, as stored. */
export interface StoredPart extends AccountRegion {
  collectedAt?: string;
  lastAttemptAt?: string;
  error?: string;
  itemCount: number;
}

interface PartRow {
  source_id: string;
  account_id: string;
  region: string;
  account_name: string | null;
  collected_at: string | null;
  last_attempt_at: string | null;
  error: string | null;
  item_count: number;
  revision: number;
}

interface ItemRow {
  source_id: string;
  item_key: string;
  account_id: string;
  region: string;
  collected_at: string;
  tags: string;
  data: string;
}

const PARTS = 'aws_collection_parts';
const ITEMS = 'aws_collection_items';

/**
 * The collection tables, shared by every source: per source and account ×
 * region, the last good items and how fresh they are. Every write bumps the
 * part's revision, so replicas that did not write can tell that their built
 * answers are out of date with one small query.
 */
export class CollectionStore {
  constructor(private readonly db: Knex) {}

  /** Replaces everything known about one part with a fresh collection. */
  async replacePart(
    sourceId: string,
    part: AccountRegion,
    items: CollectedItem<unknown>[],
    collectedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(ITEMS)
        .where({ source_id: sourceId, account_id: part.accountId, region: part.region })
        .delete();
      const rows = items.map(item => ({
        ...toRow(sourceId, item, collectedAt),
        // The part's own account and region, whatever the item says.
        account_id: part.accountId,
        region: part.region,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx(ITEMS).insert(rows.slice(i, i + INSERT_CHUNK));
      }
      await this.touchPart(tx, sourceId, part, {
        collected_at: collectedAt,
        last_attempt_at: collectedAt,
        error: null,
        item_count: items.length,
      });
    });
  }

  /** Records a failed attempt; the part keeps its last good items. */
  async recordFailure(
    sourceId: string,
    part: AccountRegion,
    error: string,
    attemptedAt: string,
  ): Promise<void> {
    await this.touchPart(this.db, sourceId, part, {
      last_attempt_at: attemptedAt,
      error,
    });
  }

  /** Writes one refreshed item (or deletes it when it is gone). */
  async putItem(
    sourceId: string,
    part: AccountRegion,
    key: string,
    item: CollectedItem<unknown> | undefined,
    collectedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      if (item) {
        await tx(ITEMS)
          .insert(toRow(sourceId, item, collectedAt))
          .onConflict(['source_id', 'item_key'])
          .merge(['collected_at', 'tags', 'data']);
      } else {
        await tx(ITEMS).where({ source_id: sourceId, item_key: key }).delete();
      }
      const [{ n }] = await tx(ITEMS)
        .where({ source_id: sourceId, account_id: part.accountId, region: part.region })
        .count({ n: '*' });
      await this.touchPart(tx, sourceId, part, { item_count: Number(n) });
    });
  }

  /** Drops the data of parts no longer watched (e.g. demo → real AWS). */
  async retainOnly(sourceId: string, parts: AccountRegion[]): Promise<void> {
    const keep = new Set(parts.map(p => `${p.accountId}/${p.region}`));
    const known = await this.db<PartRow>(PARTS)
      .where({ source_id: sourceId })
      .select('account_id', 'region');
    const withItems = await this.db(ITEMS)
      .where({ source_id: sourceId })
      .distinct('account_id', 'region');
    for (const row of [...known, ...withItems]) {
      if (keep.has(`${row.account_id}/${row.region}`)) continue;
      const where = { source_id: sourceId, account_id: row.account_id, region: row.region };
      await this.db(ITEMS).where(where).delete();
      await this.db(PARTS).where(where).delete();
    }
  }

  /**
   * A fingerprint of one source's data: it moves with every collection,
   * failure and refresh written by any replica.
   */
  /** Moves whenever one of the source's parts is written; without a source, whenever any part is. */
  async version(sourceId?: string): Promise<string> {
    const rows = await this.db<PartRow>(PARTS)
      .where(sourceId ? { source_id: sourceId } : {})
      .select('source_id', 'account_id', 'region', 'revision')
      .orderBy(['source_id', 'account_id', 'region']);
    return rows
      .map(r => `${sourceId ? '' : `${r.source_id}:`}${r.account_id}/${r.region}@${r.revision}`)
      .join(',');
  }

  async listParts(sourceId: string): Promise<StoredPart[]> {
    const rows = await this.db<PartRow>(PARTS)
      .where({ source_id: sourceId })
      .select()
      .orderBy(['account_id', 'region']);
    return rows.map(r => ({
      accountId: r.account_id,
      region: r.region,
      accountName: r.account_name ?? undefined,
      collectedAt: r.collected_at ?? undefined,
      lastAttemptAt: r.last_attempt_at ?? undefined,
      error: r.error ?? undefined,
      itemCount: Number(r.item_count),
    }));
  }

  /** Every item of a source, or of one of its parts. */
  async listItems<T>(sourceId: string, part?: AccountRegion): Promise<StoredItem<T>[]> {
    const query = this.db<ItemRow>(ITEMS).where({ source_id: sourceId });
    if (part) query.andWhere({ account_id: part.accountId, region: part.region });
    const rows = await query.select(
      'item_key',
      'account_id',
      'region',
      'collected_at',
      'tags',
      'data',
    );
    return rows.map(r => fromRow<T>(r));
  }

  /**
   * The key and tags of every tagged item of every source: what the pipeline
   * knows of each resource's tags, to find the owners of items that name a
   * resource (an alarm's ECS service) without carrying its tags.
   */
  /**
   * Every collected item that is an AWS resource (its key an ARN), of every
   * source, with its tags: what the catalog join of other sources and the
   * untagged-resource lists read.
   */
  async listResources(): Promise<
    Array<{ key: string; accountId: string; region: string; tags: Record<string, string> }>
  > {
    const rows = await this.db<ItemRow>(ITEMS)
      .where('item_key', 'like', 'arn:%')
      .select('item_key', 'account_id', 'region', 'tags');
    return rows.map(r => ({
      key: r.item_key,
      accountId: r.account_id,
      region: r.region,
      tags: JSON.parse(r.tags),
    }));
  }

  async getItem<T>(sourceId: string, key: string): Promise<StoredItem<T> | undefined> {
    const row = await this.db<ItemRow>(ITEMS)
      .where({ source_id: sourceId, item_key: key })
      .first();
    return row ? fromRow<T>(row) : undefined;
  }

  private async touchPart(
    db: Knex | Knex.Transaction,
    sourceId: string,
    part: AccountRegion,
    values: Partial<PartRow>,
  ) {
    await db(PARTS)
      .insert({
        source_id: sourceId,
        account_id: part.accountId,
        region: part.region,
        account_name: part.accountName ?? null,
        item_count: 0,
        revision: 1,
        ...values,
      })
      .onConflict(['source_id', 'account_id', 'region'])
      .merge({
        ...(part.accountName ? { account_name: part.accountName } : {}),
        ...values,
        revision: db.raw(`${PARTS}.revision + 1`),
      });
  }
}

function toRow(sourceId: string, item: CollectedItem<unknown>, collectedAt: string): ItemRow {
  return {
    source_id: sourceId,
    item_key: item.key,
    account_id: item.accountId,
    region: item.region,
    collected_at: collectedAt,
    tags: JSON.stringify(item.tags),
    data: JSON.stringify(item.data),
  };
}

function fromRow<T>(row: Omit<ItemRow, 'source_id'>): StoredItem<T> {
  return {
    key: row.item_key,
    accountId: row.account_id,
    region: row.region,
    collectedAt: row.collected_at,
    tags: JSON.parse(row.tags),
    data: JSON.parse(row.data),
  };
}
