import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ApiBlueprint,
  type ApiRef,
  type DiscoveryApi,
  discoveryApiRef,
  type FetchApi,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';

/**
 * What a portal API client is built from: the app's discovery and fetch.
 *
 * @public
 */
export type AwsPortalClientDeps = { discoveryApi: DiscoveryApi; fetchApi: FetchApi };

/**
 * A plugin's API extension: its client, built on the app's discovery and
 * fetch, provided under its API ref.
 *
 * @public
 */
export function awsPortalClientApi<T>(api: ApiRef<T>, Client: new (deps: AwsPortalClientDeps) => T) {
  return ApiBlueprint.make({
    params: defineParams =>
      defineParams({
        api,
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: deps => new Client(deps),
      }),
  });
}

/**
 * The base of every portal page's API client: requests to the AWS collection
 * plugin's backend (`/api/aws/…`) through the app's fetch (it signs them), a
 * non-2xx answer thrown as a ResponseError with the backend's sentence.
 *
 * @public
 */
export abstract class AwsPortalClient {
  constructor(private readonly deps: AwsPortalClientDeps) {}

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
