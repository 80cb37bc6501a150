import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AccountRegion, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import { type AwsCollector, AwsClientFactory } from '@internal/plugin-aws-node';
import { WidgetCloud, widgetArn, widgetCollector } from '../__testUtils__/widgetCollector';
import { CRM, DATA, component, sqlite } from '../__testUtils__/widgetRuntime';
import { CollectionStore } from '../store/CollectionStore';
import { EntityDirectory } from './EntityDirectory';
import { KnownResources } from './KnownResources';
import { SourceRuntime } from './SourceRuntime';

/** Something about a resource rather than a resource: an alarm on a widget. */
interface Watcher {
  name: string;
  watches: string[];
  tags: Record<string, string>;
  firing: boolean;
}

function watcherCollector(watchers: Watcher[]): AwsCollector<Watcher, { key: string; entityRef?: string; firing: boolean }, Watcher> {
  return {
    id: 'watchers',
    itemNoun: 'watcher',
    defaultSchedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    async collect(ar: AccountRegion) {
      return watchers
        .filter(() => ar.accountId === CRM.accountId && ar.region === CRM.region)
        .map(w => ({
          key: `arn:aws:cloudwatch:${ar.region}:${ar.accountId}:alarm:${w.name}`,
          accountId: ar.accountId,
          region: ar.region,
          tags: w.tags,
          data: w,
        }));
    },
    demo: () => [],
    resources: item => item.data.watches,
    present: (item, { owner }) => ({
      row: { key: item.key, entityRef: owner?.entityRef, firing: item.data.firing },
      detail: item.data,
    }),
    summarize: rows => ({ firing: rows.filter(r => r.firing).map(r => r.entityRef) }),
  };
}

describe('SourceRuntime with items about other resources', () => {
  it('finds the owners of what an item watches: by ARN, by the tags another source collected, by MSK name, and by the entity tag', async () => {
    const db = await sqlite();
    const store = new CollectionStore(db);
    const logger = mockServices.logger.mock();
    const kafka = 'arn:aws:kafka:us-east-1:111111111111:cluster/events/6a1b2c3d-0000-1111-2222-333344445555-7';
    const directory = new EntityDirectory({
      catalog: catalogServiceMock({
        entities: [
          component('billing', { 'aws.portal/tag-selector': 'Component=billing' }),
          component('ledger', { 'aws.portal/arns': widgetArn(CRM, 'ledger') }),
          component('events', { 'aws.portal/arns': kafka }),
          component('pager', { 'aws.portal/tag-selector': 'Team=pager' }),
        ],
      }),
      auth: mockServices.auth(),
      logger,
    });
    const common = {
      store,
      clients: AwsClientFactory.fromConfig(new ConfigReader({})),
      directory,
      knownResources: new KnownResources(store, logger, 0),
      accountRegions: [CRM, DATA],
      demo: false,
      logger,
      staleAfterMs: 15 * 60_000,
      cacheTtlMs: 0,
    };
    const cloud = new WidgetCloud();
    // The widget source collects billing with its tags (Component=billing).
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }, { name: 'ledger', state: 'ok' }]);
    const widgets = new SourceRuntime({ ...common, collector: widgetCollector(cloud) });
    const watchers = new SourceRuntime({
      ...common,
      collector: watcherCollector([
        // Named only by ARN; its tags come from the widget source.
        { name: 'billing-errors', watches: [widgetArn(CRM, 'billing')], tags: {}, firing: true },
        // Named by ARN in an annotation.
        { name: 'ledger-latency', watches: [widgetArn(CRM, 'ledger')], tags: {}, firing: false },
        // CloudWatch names an MSK cluster without its UUID.
        { name: 'events-disk', watches: ['arn:aws:kafka:us-east-1:111111111111:cluster/events'], tags: {}, firing: true },
        // A resource nobody collected, owned through the alarm's entity tag.
        { name: 'paged', watches: ['arn:aws:sqs:us-east-1:111111111111:jobs'], tags: { 'backstage.io/entity': 'component:default/pager' }, firing: false },
        // A malformed entity tag names nobody.
        { name: 'stray', watches: [], tags: { 'backstage.io/entity': 'not a ref at all:/' }, firing: false },
      ]),
    });
    await widgets.collectAll();
    await watchers.collectAll();

    const fleet = JSON.parse((await watchers.fleetAnswer()).json);
    expect(Object.fromEntries(fleet.items.map((r: any) => [r.key.split(':').pop(), r.entityRef ?? null]))).toEqual({
      'billing-errors': 'component:default/billing',
      'ledger-latency': 'component:default/ledger',
      'events-disk': 'component:default/events',
      paged: 'component:default/pager',
      stray: null,
    });
    const billing = JSON.parse((await watchers.entityAnswer('component:default/billing')).json) as EntityCollectionAnswer<Watcher>;
    expect(billing.items.map(w => w.name)).toEqual(['billing-errors']);

    const summary = JSON.parse((await watchers.summaryAnswer()).json);
    expect(summary).toMatchObject({
      source: 'watchers',
      summary: { firing: ['component:default/billing', 'component:default/events'] },
    });
    await expect(widgets.summaryAnswer()).rejects.toThrow('The widgets source has no summary.');
  });
});

describe('SourceRuntime with a collector that reads the known resources', () => {
  /** One item whose row lists every collected resource and its owner, as the cost source's untagged row does. */
  const inventory: AwsCollector<{}, { resources: Array<[string, string | null]> }, {}> = {
    id: 'inventory',
    itemNoun: 'inventory',
    defaultSchedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
    readsKnownResources: true,
    async collect(ar) {
      return [{ key: 'inventory', accountId: ar.accountId, region: ar.region, tags: {}, data: {} }];
    },
    demo: () => [],
    present: (_item, { knownResources }) => ({
      row: {
        resources: (knownResources?.() ?? [])
          .map(r => [r.arn.split('/').pop()!, r.owners[0]?.entityRef ?? null] as [string, string | null])
          .sort(),
      },
      detail: {},
    }),
  };

  it('sees what every other source collected, with owners, as soon as another source writes', async () => {
    const db = await sqlite();
    const store = new CollectionStore(db);
    const logger = mockServices.logger.mock();
    const common = {
      store,
      clients: AwsClientFactory.fromConfig(new ConfigReader({})),
      directory: new EntityDirectory({
        catalog: catalogServiceMock({
          entities: [component('billing', { 'aws.portal/tag-selector': 'Component=billing' })],
        }),
        auth: mockServices.auth(),
        logger,
      }),
      // A long cache: the answer must follow the tables' version, not the clock.
      knownResources: new KnownResources(store, logger, 3_600_000),
      accountRegions: [CRM],
      demo: false,
      logger,
      staleAfterMs: 15 * 60_000,
      cacheTtlMs: 0,
    };
    const cloud = new WidgetCloud();
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }]);
    const widgets = new SourceRuntime({ ...common, collector: widgetCollector(cloud) });
    const inventoryRuntime = new SourceRuntime({ ...common, collector: inventory });
    await inventoryRuntime.collectAll();
    const rows = async () => JSON.parse((await inventoryRuntime.fleetAnswer()).json).items[0].resources;

    expect(await rows()).toEqual([]);
    await widgets.collectAll();
    expect(await rows()).toEqual([['billing', 'component:default/billing']]);
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }, { name: 'stray', state: 'ok' }]);
    await widgets.collectAll();
    // The inventory item itself is no resource (its key is no ARN).
    expect(await rows()).toEqual([
      ['billing', 'component:default/billing'],
      ['stray', null],
    ]);
  });
});
