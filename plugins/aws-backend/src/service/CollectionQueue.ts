import type { LoggerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { CronTime } from 'cron';
import type { Lease, PartSchedule } from '../store/PartSchedule';

/** What the queue needs of a source: its parts, its schedule, and how to collect one part. */
export interface QueuedSource {
  id: string;
  parts: AccountRegion[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  collect(part: AccountRegion): Promise<void>;
}

export interface CollectionQueueOptions {
  schedule: PartSchedule;
  logger: LoggerService;
  /** Parts this replica collects at once (`awsPortal.collection.concurrency`). */
  concurrency: number;
  /** How long a lease lives unless renewed (renewed every third of it). */
  leaseMs: number;
}

/**
 * When a part is next due after a run that was due at `dueMs` and started
 * at `startedMs`: for a frequency, the first whole period after the due
 * time that is still ahead of the start (ticks keep their cadence however
 * late a poll took them, and ticks missed while nobody ran are skipped,
 * not made up); the cron expression's next time; never (null) for a manual
 * trigger.
 */
export function nextDueMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
  dueMs: number,
  startedMs: number,
): number | null {
  const f = schedule.frequency;
  if (typeof f === 'object' && 'trigger' in f) return null;
  if (typeof f === 'object' && 'cron' in f) return new CronTime(f.cron).sendAt().toMillis();
  const period = Math.max(1, durationToMilliseconds(f));
  return dueMs + period * (Math.floor(Math.max(0, startedMs - dueMs) / period) + 1);
}

/** A schedule's initial delay in milliseconds (0 without one). */
export function initialDelayMs(schedule: SchedulerServiceTaskScheduleDefinition): number {
  return schedule.initialDelay ? durationToMilliseconds(schedule.initialDelay) : 0;
}

/**
 * This replica's share of the collections. Every part of every source is a
 * row of the shared schedule; the queue takes due parts only while it has a
 * free slot, and takes the next as soon as a slot frees up, so that the
 * replicas with room do the work and more replicas finish a tick sooner.
 * `fill` is also called on a timer (the poll), which is how due times and
 * other replicas' lapsed leases are noticed.
 */
export class CollectionQueue {
  private readonly sources = new Map<string, QueuedSource>();
  /** The parts this replica is collecting, by part, with their leases. */
  private readonly running = new Map<string, Lease>();
  private filling?: Promise<void>;
  private fillAgain = false;
  private stopped = false;

  constructor(private readonly o: CollectionQueueOptions) {}

  /** Schedules a source's parts (a part already scheduled keeps its due time). */
  async add(source: QueuedSource): Promise<void> {
    this.sources.set(source.id, source);
    await this.o.schedule.register(source.id, source.parts, initialDelayMs(source.schedule));
  }

  /** How many parts this replica is collecting now. */
  get active(): number {
    return this.running.size;
  }

  /** Takes due parts while there is room; returns once they are started, not done. */
  fill(): Promise<void> {
    if (this.filling) {
      this.fillAgain = true;
      return this.filling;
    }
    this.filling = (async () => {
      do {
        this.fillAgain = false;
        await this.fillOnce();
      } while (this.fillAgain && !this.stopped);
    })().finally(() => {
      this.filling = undefined;
    });
    return this.filling;
  }

  private async fillOnce(): Promise<void> {
    const room = this.o.concurrency - this.running.size;
    if (this.stopped || room <= 0) return;
    let leases: Lease[];
    try {
      leases = await this.o.schedule.claim([...this.sources.keys()], room, this.o.leaseMs);
    } catch (error) {
      this.o.logger.warn(`Could not read the collection schedule: ${error}`);
      return;
    }
    for (const lease of leases) this.start(lease);
  }

  private start(lease: Lease): void {
    const id = `${lease.sourceId}:${lease.accountId}:${lease.region}`;
    this.running.set(id, lease);
    void this.run(lease).finally(() => {
      this.running.delete(id);
      if (!this.stopped) void this.fill();
    });
  }

  private async run(lease: Lease): Promise<void> {
    const { schedule, logger, leaseMs } = this.o;
    const source = this.sources.get(lease.sourceId)!;
    const part = source.parts.find(p => p.accountId === lease.accountId && p.region === lease.region);
    const where = `${lease.sourceId} ${lease.accountId}/${lease.region}`;
    if (!part) {
      // Scheduled by a replica configured otherwise (a rolling deploy): leave it to them.
      await schedule.release(lease, lease.startedMs + leaseMs).catch(() => undefined);
      return;
    }
    const timeoutMs = durationToMilliseconds(source.schedule.timeout);
    const started = Date.now();
    let held = true;
    const renewal = setInterval(() => {
      if (Date.now() - started > timeoutMs) {
        if (held) {
          logger.warn(`Collecting ${where} has run past its timeout; its lease is left to lapse for another replica.`);
        }
        held = false;
        return;
      }
      schedule
        .renew(lease, leaseMs)
        .then(ok => {
          if (!ok && held) logger.warn(`The lease on ${where} lapsed while collecting it; another replica may hold it now.`);
          held = held && ok;
        })
        .catch(error => logger.warn(`Could not renew the lease on ${where}: ${error}`));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    try {
      await source.collect(part);
    } catch (error) {
      // collectPart records its own failures; this is a fault of the runtime itself.
      logger.error(`Collecting ${where} failed: ${error}`);
    } finally {
      clearInterval(renewal);
    }
    if (this.stopped) return;
    try {
      await schedule.release(lease, nextDueMs(source.schedule, lease.dueMs, lease.startedMs));
    } catch (error) {
      logger.warn(`Could not give back ${where}; its lease lapses in ${Math.round(leaseMs / 1000)} s: ${error}`);
    }
  }

  /**
   * Stops taking parts and hands the ones under way back as due, so that
   * another replica takes them at its next poll instead of after their
   * leases lapse.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.filling?.catch(() => undefined);
    await Promise.all([...this.running.values()].map(lease => this.o.schedule.release(lease).catch(() => false)));
  }
}
