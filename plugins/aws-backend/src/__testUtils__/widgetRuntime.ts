import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { AwsClientFactory } from '@internal/plugin-aws-node';
import knexFactory, { type Knex } from 'knex';
import { EntityDirectory } from '../service/EntityDirectory';
import { SourceRuntime } from '../service/SourceRuntime';
import { CollectionStore } from '../store/CollectionStore';
import { migrated } from './databases';
import { WidgetCloud, widgetCollector } from './widgetCollector';

export const CRM: AccountRegion = { accountId: '111111111111', region: 'us-east-1', accountName: 'crm' };
export const DATA: AccountRegion = { accountId: '222222222222', region: 'eu-west-1' };

export function component(name: string, annotations: Record<string, string>, spec = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { owner: 'team-crm', system: 'crm', ...spec },
  };
}

export function sqlite(): Promise<Knex> {
  return migrated(
    knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true }),
  );
}

/** The widget source on real tables, as one replica would run it. */
export function widgetRuntime(options: {
  db: Knex;
  cloud?: WidgetCloud;
  entities?: Entity[];
  demo?: boolean;
  clock?: () => Date;
  staleAfterMs?: number;
}) {
  const cloud = options.cloud ?? new WidgetCloud();
  const runtime = new SourceRuntime({
    collector: widgetCollector(cloud),
    store: new CollectionStore(options.db),
    clients: AwsClientFactory.fromConfig(new ConfigReader({})),
    directory: new EntityDirectory({
      catalog: catalogServiceMock({ entities: options.entities ?? [] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
    accountRegions: [CRM, DATA],
    demo: options.demo ?? false,
    logger: mockServices.logger.mock(),
    staleAfterMs: options.staleAfterMs ?? 15 * 60_000,
    cacheTtlMs: 0,
    clock: options.clock,
  });
  return { cloud, runtime };
}
