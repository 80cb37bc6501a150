/**
 * One AWS account in one region: the unit the portal collects and whose
 * data goes stale together.
 *
 * @public
 */
export interface AccountRegion {
  accountId: string;
  region: string;
  /** Display name of the account, when configured. */
  accountName?: string;
}

/**
 * How fresh the data of one account × region is, in every answer.
 *
 * @public
 */
export interface AccountRegionState extends AccountRegion {
  /** When data was last collected successfully; absent if never. */
  collectedAt?: string;
  lastAttemptAt?: string;
  /** Why the last attempt failed, in a sentence; absent if it succeeded. */
  error?: string;
  /** True when the last attempt failed or the data is older than the schedule allows. */
  stale: boolean;
  /** How many items the last good collection found. */
  itemCount: number;
}

/**
 * What a collection source serves for the whole fleet.
 *
 * @public
 */
export interface CollectionAnswer<Row> {
  /** The source's id, e.g. `ecs-health`. */
  source: string;
  /** True when the data comes from the built-in demo account. */
  demo: boolean;
  /** When the newest data in this answer was written. */
  generatedAt: string;
  accountRegions: AccountRegionState[];
  items: Row[];
}

/**
 * What a collection source serves for one catalog entity: its own items and
 * the freshness of the account × regions they come from.
 *
 * @public
 */
export interface EntityCollectionAnswer<Item> {
  source: string;
  demo: boolean;
  entityRef: string;
  accountRegions: AccountRegionState[];
  items: Item[];
}

/**
 * The answer to a user's refresh of one item.
 *
 * @public
 */
export interface RefreshAnswer<Item> {
  item: Item;
}

/**
 * A source's digest of its fleet answer, for pages that need counts rather
 * than every row.
 *
 * @public
 */
export interface SummaryAnswer<Summary> {
  source: string;
  demo: boolean;
  generatedAt: string;
  accountRegions: AccountRegionState[];
  summary: Summary;
}
