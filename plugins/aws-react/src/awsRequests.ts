import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';

/**
 * The base of every portal page's API client: requests to the AWS collection
 * plugin's backend (`/api/aws/…`) through the app's fetch (it signs them), a
 * non-2xx answer thrown as a ResponseError with the backend's sentence.
 *
 * @public
 */
export abstract class AwsPortalClient {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  /** `path` below the plugin's base URL, e.g. `dr/fleet`. */
  protected async get<T>(path: string): Promise<T> {
    return this.send<T>(path, {});
  }

  /** POSTs `body` as JSON. */
  protected async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** The entity part of a per-entity path: `namespace/kind/name`, each part encoded. */
  protected static entityPath(entity: CompoundEntityRef): string {
    return [entity.namespace, entity.kind, entity.name].map(encodeURIComponent).join('/');
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('aws');
    const res = await this.deps.fetchApi.fetch(`${base}/${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
