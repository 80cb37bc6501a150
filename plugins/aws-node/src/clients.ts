import type { Config } from '@backstage/config';
import {
  type AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from '@smithy/core';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { readAwsPortalSettings } from './config';

/** The SDK client settings this factory fills in. */
export interface AwsClientSettings {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  retryMode: 'adaptive';
  maxAttempts: number;
  customUserAgent: string;
  endpoint?: string;
}

/** Any AWS SDK v3 client constructor. */
export type AwsClientClass<C> = new (settings: AwsClientSettings) => C;

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (next: any, context: any) => (args: any) => Promise<any>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Counts AWS calls by operation, so benchmarks and tests can check how many
 * calls a refresh makes and that page views make none. A call is what AWS
 * bills and throttles: every attempt the SDK sends, its retries included
 * (the SDK's own `$metadata.attempts`), not one per command.
 *
 * @public
 */
export class AwsCallCounter {
  private readonly counts = new Map<string, number>();
  private commandCount = 0;

  /** One command of `operation` that took `attempts` requests. */
  record(operation: string, attempts = 1) {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + attempts);
    this.commandCount++;
  }

  /** Commands sent, each counted once however many attempts it took. */
  commands(): number {
    return this.commandCount;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  byOperation(): Record<string, number> {
    return Object.fromEntries(
      [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  reset() {
    this.counts.clear();
    this.commandCount = 0;
  }
}

/** The requests the SDK sent for one command: its `$metadata.attempts`, 1 when it says none (an answer from a double). */
function attemptsOf(outputOrError: unknown): number {
  const attempts = (outputOrError as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

/** @public */
export const PORTAL_USER_AGENT = 'aws-developer-portal/0.1';

/**
 * The one way our backends create AWS SDK clients: credentials per account
 * from @backstage/integration-aws-node, the SDK's adaptive retry strategy, our
 * user agent and, when configured, an endpoint override (an emulator).
 * Clients are cached per class, account and region.
 *
 * @public
 */
export class AwsClientFactory {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly providers = new Map<string, Promise<AwsCredentialIdentityProvider>>();
  readonly calls = new AwsCallCounter();

  static fromConfig(
    config: Config,
    options?: { credentialsManager?: AwsCredentialsManager },
  ): AwsClientFactory {
    const settings = readAwsPortalSettings(config);
    if (settings.endpoint) {
      // integration-aws-node creates its own STS clients for assume-role; the
      // SDK sends them to AWS_ENDPOINT_URL_STS when it is set, so the whole
      // chain, credentials included, talks to the same endpoint.
      process.env.AWS_ENDPOINT_URL_STS ??= settings.endpoint;
    }
    return new AwsClientFactory(
      options?.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(config),
      settings.maxAttempts,
      settings.endpoint,
    );
  }

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly maxAttempts: number,
    private readonly endpoint?: string,
  ) {}

  /**
   * Returns a client of the given class for one account and region.
   * `overrides` are extra client settings that are the same for every call
   * site of that class (e.g. a pinned protocol).
   */
  async create<C>(
    ClientClass: AwsClientClass<C>,
    accountRegion: Pick<AccountRegion, 'accountId' | 'region'>,
    overrides?: Record<string, unknown>,
  ): Promise<C> {
    const key = `${ClientClass.name}:${accountRegion.accountId}:${accountRegion.region}`;
    let client = this.cache.get(key) as Promise<C> | undefined;
    if (!client) {
      client = this.build(ClientClass, accountRegion, overrides);
      this.cache.set(key, client);
      client.catch(() => this.cache.delete(key));
    }
    return client;
  }

  /**
   * One credential provider per account, shared by every client of it (each
   * class, each region): the SDK memoizes credentials per client, so a role
   * assumed per client was one AssumeRole per client; shared, it is one per
   * account until the credentials near their expiry.
   */
  private credentialsFor(accountId: string): Promise<AwsCredentialIdentityProvider> {
    let provider = this.providers.get(accountId);
    if (!provider) {
      provider = this.credentialsManager
        .getCredentialProvider({ accountId })
        .then(
          ({ sdkCredentialProvider }) =>
            memoizeIdentityProvider(
              sdkCredentialProvider,
              isIdentityExpired,
              doesIdentityRequireRefresh,
            ) ?? sdkCredentialProvider,
        );
      this.providers.set(accountId, provider);
      provider.catch(() => this.providers.delete(accountId));
    }
    return provider;
  }

  private async build<C>(
    ClientClass: AwsClientClass<C>,
    accountRegion: Pick<AccountRegion, 'accountId' | 'region'>,
    overrides?: Record<string, unknown>,
  ): Promise<C> {
    const client = new ClientClass({
      region: accountRegion.region,
      credentials: await this.credentialsFor(accountRegion.accountId),
      retryMode: 'adaptive',
      maxAttempts: this.maxAttempts,
      customUserAgent: PORTAL_USER_AGENT,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      ...overrides,
    });
    // Outside the retry strategy, so one command is recorded once with the
    // number of attempts the SDK made for it, answered or failed.
    (client as unknown as MiddlewareClient).middlewareStack.add(
      (next, context) => async args => {
        const operation = `${context.clientName}.${context.commandName}`;
        try {
          const result = await next(args);
          this.calls.record(operation, attemptsOf(result?.output));
          return result;
        } catch (error) {
          this.calls.record(operation, attemptsOf(error));
          throw error;
        }
      },
      { step: 'initialize', name: 'awsPortalCallCounter' },
    );
    return client;
  }
}
