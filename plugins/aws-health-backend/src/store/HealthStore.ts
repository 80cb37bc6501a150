import type { Knex } from 'knex';
import type { EcsServiceSnapshot } from '@internal/plugin-aws-health-common';
import type { WatchedTarget } from '@internal/plugin-aws-node';

/** SQLite allows 999 bound variables per statement; 5 columns × 100 rows stays under. */
const INSERT_CHUNK = 100;

export interface StoredTarget extends WatchedTarget {
  collectedAt?: string;
  lastAttemptAt?: string;
  error?: string;
  serviceCount: number;
}

export interface StoredService {
  snapshot: EcsServiceSnapshot;
  collectedAt: string;
}

interface TargetRow {
  account_id: string;
  region: string;
  account_name: string | null;
  collected_at: string | null;
  last_attempt_at: string | null;
  error: string | null;
  service_count: number;
}

/**
 * The snapshot tables: the last known state of every service and, per
 * account × region, when it was collected and why the last attempt failed.
 */
export class HealthStore {
  constructor(private readonly db: Knex) {}

  /** Replaces everything known about one target with a fresh collection. */
  async replaceTarget(
    target: WatchedTarget,
    services: EcsServiceSnapshot[],
    collectedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('aws_health_services')
        .where({ account_id: target.accountId, region: target.region })
        .delete();
      const rows = services.map(s => ({
        service_arn: s.serviceArn,
        account_id: target.accountId,
        region: target.region,
        collected_at: collectedAt,
        snapshot: JSON.stringify(s),
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx('aws_health_services').insert(rows.slice(i, i + INSERT_CHUNK));
      }
      await this.upsertTarget(tx, target, {
        collected_at: collectedAt,
        last_attempt_at: collectedAt,
        error: null,
        service_count: services.length,
      });
    });
  }

  /** Records a failed attempt; the target keeps its last data. */
  async recordFailure(
    target: WatchedTarget,
    error: string,
    attemptedAt: string,
  ): Promise<void> {
    await this.upsertTarget(this.db, target, {
      last_attempt_at: attemptedAt,
      error,
    });
  }

  async upsertService(
    snapshot: EcsServiceSnapshot,
    collectedAt: string,
  ): Promise<void> {
    await this.db('aws_health_services')
      .insert({
        service_arn: snapshot.serviceArn,
        account_id: snapshot.accountId,
        region: snapshot.region,
        collected_at: collectedAt,
        snapshot: JSON.stringify(snapshot),
      })
      .onConflict('service_arn')
      .merge(['collected_at', 'snapshot']);
  }

  async deleteService(serviceArn: string): Promise<void> {
    await this.db('aws_health_services')
      .where({ service_arn: serviceArn })
      .delete();
  }

  /** Drops the data of targets no longer watched (e.g. demo → real AWS). */
  async retainOnly(targets: WatchedTarget[]): Promise<void> {
    const keep = new Set(targets.map(t => `${t.accountId}/${t.region}`));
    const known = await this.db<TargetRow>('aws_health_targets').select(
      'account_id',
      'region',
    );
    const services = await this.db('aws_health_services')
      .distinct('account_id', 'region');
    for (const row of [...known, ...services]) {
      if (!keep.has(`${row.account_id}/${row.region}`)) {
        const where = { account_id: row.account_id, region: row.region };
        await this.db('aws_health_services').where(where).delete();
        await this.db('aws_health_targets').where(where).delete();
      }
    }
  }

  /**
   * A cheap fingerprint of the tables: it changes whenever a collection, a
   * failure or a refresh is written, so readers can tell whether to rebuild.
   */
  async version(): Promise<string> {
    const [targets, services] = await Promise.all([
      this.db('aws_health_targets')
        .max({ attempt: 'last_attempt_at' })
        .count({ n: '*' })
        .first(),
      this.db('aws_health_services')
        .max({ collected: 'collected_at' })
        .count({ n: '*' })
        .first(),
    ]);
    return [
      targets?.attempt,
      targets?.n,
      services?.collected,
      services?.n,
    ].join('|');
  }

  async listTargets(): Promise<StoredTarget[]> {
    const rows = await this.db<TargetRow>('aws_health_targets')
      .select()
      .orderBy(['account_id', 'region']);
    return rows.map(r => ({
      accountId: r.account_id,
      region: r.region,
      accountName: r.account_name ?? undefined,
      collectedAt: r.collected_at ?? undefined,
      lastAttemptAt: r.last_attempt_at ?? undefined,
      error: r.error ?? undefined,
      serviceCount: Number(r.service_count),
    }));
  }

  async listServices(): Promise<StoredService[]> {
    const rows = await this.db('aws_health_services').select(
      'snapshot',
      'collected_at',
    );
    return rows.map(r => ({
      snapshot: JSON.parse(r.snapshot),
      collectedAt: r.collected_at,
    }));
  }

  private async upsertTarget(
    db: Knex | Knex.Transaction,
    target: WatchedTarget,
    values: Partial<TargetRow>,
  ) {
    await db('aws_health_targets')
      .insert({
        account_id: target.accountId,
        region: target.region,
        account_name: target.accountName ?? null,
        service_count: 0,
        ...values,
      })
      .onConflict(['account_id', 'region'])
      .merge({ account_name: target.accountName ?? null, ...values });
  }
}
