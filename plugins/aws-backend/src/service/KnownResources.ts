import type { LoggerService } from '@backstage/backend-plugin-api';
import { type AwsResourceRef, resourceIdentity } from '@internal/plugin-aws-common';
import type { CollectionStore } from '../store/CollectionStore';

/**
 * Every AWS resource any source collected, once each by resource identity,
 * with the tags the sources saw on it. An alarm names the ECS service or
 * database it watches by its dimensions only; with the tags the ECS source
 * collected for that service, the alarm finds the same owner as the service
 * does. Read at most once a minute for all sources together.
 */
export class KnownResources {
  private cached?: { at: number; version?: string; resources: Promise<Map<string, AwsResourceRef>> };

  constructor(
    private readonly store: CollectionStore,
    private readonly logger: LoggerService,
    private readonly ttlMs = 60_000,
  ) {}

  /** Looks up the tags collected for a resource; none when no source collected it. */
  async tagsOf(): Promise<(arn: string) => Record<string, string>> {
    const map = await this.read();
    return arn => map.get(resourceIdentity(arn))?.tags ?? {};
  }

  /**
   * Every collected resource; read again when the tables' `version` (of
   * every source) is not the one last read.
   */
  async list(version?: string): Promise<AwsResourceRef[]> {
    return [...(await this.read(version)).values()];
  }

  private read(version?: string): Promise<Map<string, AwsResourceRef>> {
    const now = Date.now();
    if (
      !this.cached ||
      now - this.cached.at > this.ttlMs ||
      (version !== undefined && version !== this.cached.version)
    ) {
      const resources = this.store.listResources().then(
        rows => {
          const map = new Map<string, AwsResourceRef>();
          for (const row of rows) {
            const identity = resourceIdentity(row.key);
            const seen = map.get(identity);
            // Sources that saw the same resource may each know some of its tags.
            if (seen) seen.tags = { ...seen.tags, ...row.tags };
            else map.set(identity, { arn: row.key, accountId: row.accountId, region: row.region, tags: row.tags });
          }
          return map;
        },
        error => {
          this.logger.warn(`Could not read the collected resources' tags: ${error}`);
          this.cached = undefined;
          return new Map<string, AwsResourceRef>();
        },
      );
      this.cached = { at: now, version, resources };
    }
    return this.cached.resources;
  }
}
