/*
 * One replica of the AWS backend as a process of its own, for the replica
 * test and scripts/replicas.ts (started by replicaHarness.ts, never by hand):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs src/__testUtils__/replicaMain.ts
 *
 * Backstage's real database (PostgreSQL), scheduler, cache (Redis),
 * httpRouter and lifecycle services, the real awsPlugin, and a widget source
 * whose "AWS" is the harness's HTTP server, so that every read is counted in
 * one place whichever replica makes it. Everything comes from AWS_REPLICA_*
 * environment variables the harness sets.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { type AwsCollector, type CollectedItem, createAwsCollectorModule } from '@internal/plugin-aws-node';
import { awsPlugin } from '../plugin';
import {
  type Widget,
  type WidgetDetail,
  type WidgetRow,
  WidgetCloud,
  widgetArn,
  widgetCollector,
} from './widgetCollector';

function env(name: string): string {
  const value = process.env[`AWS_REPLICA_${name}`];
  if (value === undefined || value === '') {
    throw new Error(`AWS_REPLICA_${name} is not set; replicaMain.ts is started by replicaHarness.ts, which sets it.`);
  }
  return value;
}

const number = (name: string) => {
  const value = Number(env(name));
  if (!Number.isFinite(value)) throw new Error(`AWS_REPLICA_${name} must be a number, not "${env(name)}".`);
  return value;
};

const replica = env('NAME');
const cloudUrl = env('CLOUD_URL');
const port = number('PORT');
const accounts = env('ACCOUNTS').split(',');
const regions = env('REGIONS').split(',');

function toItem(ar: AccountRegion, widget: Widget): CollectedItem<Widget> {
  return {
    key: widgetArn(ar, widget.name),
    accountId: ar.accountId,
    region: ar.region,
    tags: { Component: widget.name },
    data: widget,
  };
}

/** The harness's cloud, asked as this replica: it records who read which part, and when. */
async function readWidgets(ar: AccountRegion, kind: 'collect' | 'refresh'): Promise<Widget[]> {
  const url = `${cloudUrl}/widgets/${ar.accountId}/${ar.region}?replica=${encodeURIComponent(replica)}&kind=${kind}`;
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`The test cloud answered ${res.status} for ${ar.accountId}/${ar.region}: ${await res.text()}`);
  }
  return (await res.json()) as Widget[];
}

/** The widget source of the unit tests, reading over HTTP instead of from memory. */
const httpWidgetCollector: AwsCollector<Widget, WidgetRow, WidgetDetail> = {
  ...widgetCollector(new WidgetCloud()),
  async collect(ar) {
    return (await readWidgets(ar, 'collect')).map(w => toItem(ar, w));
  },
  async refresh(item) {
    const found = (await readWidgets(item, 'refresh')).find(w => w.name === item.data.name);
    return found && toItem(item, found);
  },
};

const backend = createBackend();
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: {
          client: 'pg',
          connection: env('POSTGRES_URL'),
          // This run's databases, shared by its replicas and dropped by the harness.
          prefix: env('DATABASE_PREFIX'),
        },
        cache: {
          store: 'redis',
          connection: env('REDIS_URL'),
          // This run's keys only: a refresh budget spent by an earlier run must not count.
          redis: { client: { namespace: env('CACHE_NAMESPACE') } },
        },
      },
      aws: {
        accounts: accounts.map(accountId => ({ accountId, accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'not-a-secret' })),
      },
      awsPortal: {
        regions,
        collection: {
          concurrency: number('CONCURRENCY'),
          leaseSeconds: number('LEASE_SECONDS'),
          pollSeconds: number('POLL_SECONDS'),
        },
        refresh: {
          perItemIntervalSeconds: number('REFRESH_PER_ITEM_SECONDS'),
          perUserPerMinute: number('REFRESH_PER_USER_PER_MINUTE'),
        },
        sources: {
          widgets: {
            schedule: {
              frequency: { seconds: number('FREQUENCY_SECONDS') },
              timeout: { seconds: number('TIMEOUT_SECONDS') },
              initialDelay: { seconds: number('INITIAL_DELAY_SECONDS') },
            },
          },
        },
      },
    },
  }),
);
// Sign-in is mocked (callers send mockCredentials.user.header(...)): these
// replicas are about sharing work through the database and Redis, not about
// authentication, and real auth would need keys and an auth backend.
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.auth.factory());
backend.add(
  catalogServiceMock.factory({
    // Every part has a billing and a checkout widget (replicaHarness.ts),
    // tagged Component=<name>: these two entities own one of each per part.
    entities: ['billing', 'checkout'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations: { 'aws.portal/tag-selector': `Component=${name}` } },
      spec: { type: 'service', owner: 'team-crm', lifecycle: 'production' },
    })),
  }),
);
backend.add(awsPlugin);
backend.add(createAwsCollectorModule(httpWidgetCollector));

backend.start().catch(error => {
  console.error(`Replica ${replica} did not start: ${error?.stack ?? error}`);
  process.exit(1);
});
