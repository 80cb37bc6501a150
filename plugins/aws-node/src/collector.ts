import {
  createBackendModule,
  createExtensionPoint,
  type LoggerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { AwsClientFactory } from './clients';

/**
 * One thing a source collected: a service, an alarm, a database, a cost line.
 *
 * @public
 */
export interface CollectedItem<T> {
  /** Unique within the source; usually the resource's ARN. */
  key: string;
  accountId: string;
  region: string;
  /**
   * The resource's tags. The catalog join matches them against the entities'
   * `aws.portal/tag-selector`, and `key` against their `aws.portal/arns`.
   */
  tags: Record<string, string>;
  data: T;
}

/**
 * An item as the collection tables hold it.
 *
 * @public
 */
export interface StoredItem<T> extends CollectedItem<T> {
  collectedAt: string;
}

/**
 * What a source gets when it collects one account × region.
 *
 * @public
 */
export interface CollectContext<T> {
  /** Clients for this account and region come from here (and only here). */
  clients: AwsClientFactory;
  /**
   * This account × region's items from its last good collection (or the
   * item itself, for a refresh). Facts that never change for an ARN, such as
   * a task definition's size, can be taken from here instead of asking AWS
   * again; the tables hold them, so this works whichever replica collects.
   */
  previous: ReadonlyArray<StoredItem<T>>;
  logger: LoggerService;
  now: Date;
}

/**
 * The catalog entity an item belongs to, as the fleet pages name it.
 *
 * @public
 */
export interface ItemOwner {
  entityRef: string;
  kind: string;
  system?: string;
  owner?: string;
  environment?: string;
  /** The entity's recovery targets (`aws.portal/rpo`, `rto`, `dr-region`). */
  recovery?: { rpoMinutes?: number; rtoMinutes?: number; drRegion?: string };
}

/**
 * An AWS resource some source of the pipeline collected, with its owners.
 *
 * @public
 */
export interface KnownResource {
  arn: string;
  accountId: string;
  region: string;
  /** The tags the sources saw on it. */
  tags: Record<string, string>;
  /** Its owners, most specific kind first; empty when the catalog does not know it. */
  owners: ItemOwner[];
}

/**
 * What a source gets when its answers are built.
 *
 * @public
 */
export interface PresentContext {
  /** The moment the answer is built: verdicts that depend on age use it. */
  now: Date;
  /** The most specific entity that owns the item (Component, then Resource, then System). */
  owner?: ItemOwner;
  /** Every entity that owns the item, most specific first. */
  owners?: ItemOwner[];
  /**
   * Every resource any source collected, with its owners, for a collector
   * that sets `readsKnownResources` (the cost source lists the resources
   * without a CostCenter tag). Worked out once per answer, when first called.
   */
  knownResources?(): KnownResource[];
}

/**
 * A data source of the collection pipeline. The runner fans it out over every
 * watched account × region on its schedule, keeps the last good data of a
 * failed account × region (marked stale, with the reason in a sentence),
 * stores what it returns, builds its answers once and serves page views from
 * them without calling AWS.
 *
 * @public
 */
export interface AwsCollector<T, Row, Detail> {
  /** Lower-case id with dashes, e.g. `ecs-health`: the URL segment and the table key. */
  id: string;
  /** What one item is, for sentences: `ECS service`, `CloudWatch alarm`. */
  itemNoun: string;
  /** How often to collect unless `awsPortal.sources.<id>.schedule` says otherwise. */
  defaultSchedule: SchedulerServiceTaskScheduleDefinition;
  /** Every item of one account × region, from AWS. */
  collect(
    accountRegion: AccountRegion,
    context: CollectContext<T>,
  ): Promise<CollectedItem<T>[]>;
  /** Every item of one demo account × region, with times relative to `now`. */
  demo(accountRegion: AccountRegion, now: Date): CollectedItem<T>[];
  /**
   * Re-reads one item for a user's refresh; undefined when it is gone. Items
   * of a source without it cannot be refreshed one at a time.
   */
  refresh?(
    item: StoredItem<T>,
    context: CollectContext<T>,
  ): Promise<CollectedItem<T> | undefined>;
  /** Checks the key of a refresh request; returns a sentence when it is malformed. */
  checkKey?(key: string): string | undefined;
  /** The fleet page's row and the entity page's detail of one item. */
  present(item: StoredItem<T>, context: PresentContext): { row: Row; detail: Detail };
  /** Order of the fleet answer's rows; by key when absent. */
  compareRows?(a: Row, b: Row): number;
  /**
   * A row as a reader sees it who may read only some of its owners (the
   * fleet answer under a conditional `readPermission`): a row that names its
   * owners names only the `readable` ones. Rows are shown whole when absent.
   */
  restrictRow?(row: Row, readable: (entityRef: string) => boolean): Row;
  /**
   * The ARNs of the resources an item is about, when it is not a resource
   * itself: an alarm names the ECS service or database it watches. The item
   * then also belongs to the owners of those resources, matched by ARN and by
   * the tags any source collected for them.
   */
  resources?(item: StoredItem<T>): string[];
  /**
   * A small digest of the fleet answer's rows, served at `/<id>/summary` and
   * built with it, for pages of other sources that need counts rather than
   * every row (the fleet health page's alarm counts).
   */
  summarize?(rows: Row[]): unknown;
  /**
   * Where to collect, when not every watched account × region: Cost
   * Explorer, for one, is asked once, in the payer account.
   */
  parts?(watched: { accountRegions: AccountRegion[]; demo: boolean }): AccountRegion[];
  /**
   * How items find their entities: through the resources they are or name
   * (the default), or through their `CostCenter` tag matching the entities'
   * `aws.portal/cost-center` annotation.
   */
  ownedBy?: 'resources' | 'cost-center';
  /** Whether `present` reads `knownResources`: the answers are then built with every collected resource at hand. */
  readsKnownResources?: boolean;
  /**
   * A permission on catalog entities that reading the source needs. An
   * entity's answer needs it on that entity; the fleet answer holds only
   * the rows whose owners the user may read (all of them when the policy
   * allows the permission outright), and a user who may read none gets 403.
   */
  readPermission?: ResourcePermission<'catalog-entity'>;
  /**
   * Who may read the source, as the end of a 403's sentence ("You may not
   * read that of component:default/x: <readRule>"); a sentence about
   * entity owners when absent.
   */
  readRule?: string;
  /**
   * Why an entity's data was refused, when the source knows more than its
   * rule (e.g. the entity's claim on a cost center is not verified), given
   * the entity's details as its readers would see them.
   */
  explainRefusal?(entityRef: string, details: Detail[]): string | undefined;
}

/**
 * Where sources register with the AWS collection plugin (pluginId `aws`).
 *
 * @public
 */
export interface AwsCollectorsExtensionPoint {
  addCollector(collector: AwsCollector<any, any, any>): void;
}

/** @public */
export const awsCollectorsExtensionPoint =
  createExtensionPoint<AwsCollectorsExtensionPoint>({ id: 'aws.collectors' });

/**
 * A backend module that adds one source to the AWS collection plugin:
 * `backend.add(createAwsCollectorModule(myCollector))`.
 *
 * @public
 */
export function createAwsCollectorModule(collector: AwsCollector<any, any, any>) {
  return createBackendModule({
    pluginId: 'aws',
    moduleId: collector.id,
    register(env) {
      env.registerInit({
        deps: { collectors: awsCollectorsExtensionPoint },
        async init({ collectors }) {
          collectors.addCollector(collector);
        },
      });
    },
  });
}
