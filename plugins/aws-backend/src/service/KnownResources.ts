import type { LoggerService } from '@backstage/backend-plugin-api';
import { resourceIdentity } from '@internal/plugin-aws-common';
import type { CollectionStore } from '../store/CollectionStore';

/**
 * The tags of every resource any source collected, by resource identity. An
 * alarm names the ECS service or database it watches by its dimensions only;
 * with the tags the ECS source collected for that service, the alarm finds
 * the same owner as the service does. Read at most once a minute for all
 * sources together.
 */
export class KnownResources {
  private cached?: { at: number; tags: Promise<Map<string, Record<string, string>>> };

  constructor(
    private readonly store: CollectionStore,
    private readonly logger: LoggerService,
    private readonly ttlMs = 60_000,
  ) {}

  async tagsOf(): Promise<(arn: string) => Record<string, string>> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const tags = this.store.listItemTags().then(
        rows => new Map(rows.map(r => [resourceIdentity(r.key), r.tags])),
        error => {
          this.logger.warn(`Could not read the collected resources' tags: ${error}`);
          this.cached = undefined;
          return new Map<string, Record<string, string>>();
        },
      );
      this.cached = { at: now, tags };
    }
    const map = await this.cached.tags;
    return arn => map.get(resourceIdentity(arn)) ?? {};
  }
}
