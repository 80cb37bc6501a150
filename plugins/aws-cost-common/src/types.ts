/**
 * The Cost Explorer metric the portal reports (`awsPortal.cost.metric`).
 *
 * @public
 */
export type CostMetric = 'UnblendedCost' | 'AmortizedCost' | 'NetAmortizedCost';

/** @public */
export const COST_METRICS: readonly CostMetric[] = ['UnblendedCost', 'AmortizedCost', 'NetAmortizedCost'];

/**
 * The Cost Explorer queries the portal runs, each at most once a day per
 * payer account.
 *
 * @public
 */
export type CostQueryId =
  | 'daily-by-service'
  | 'monthly-by-service'
  | 'monthly-by-account'
  | 'forecast'
  | 'anomalies'
  | 'allocation-tags';

/**
 * Why a query's figures are older than the rest: its last run failed.
 *
 * @public
 */
export interface CostQueryError {
  /** A sentence for the page; the SDK's own text is in the backend's log. */
  message: string;
  /** When the query failed. */
  at: string;
}

/**
 * Amounts per period, oldest first, from `start` (a day `YYYY-MM-DD` or a
 * month `YYYY-MM`).
 *
 * @public
 */
export interface CostSeries {
  start: string;
  amounts: number[];
}

/**
 * A cost anomaly Cost Explorer detected, with the service and account of
 * its largest root cause.
 *
 * @public
 */
export interface CostAnomaly {
  id: string;
  start: string;
  end?: string;
  service?: string;
  accountId?: string;
  /** The spend above what was expected, in the currency of the snapshot. */
  impact: number;
  expected?: number;
}

/**
 * Whether a tag is an active cost allocation tag (only then does Cost
 * Explorer group by it).
 *
 * @public
 */
export interface AllocationTagStatus {
  key: string;
  status: 'Active' | 'Inactive' | 'Missing';
}

/**
 * The spend of one CostCenter tag value as collected; the empty value is
 * the untagged spend.
 *
 * @public
 */
export interface CostCenterSnapshot {
  costCenter: string;
  payerAccountId: string;
  metric: CostMetric;
  currency: string;
  /** The last 90 days, by day, in all and by service. */
  daily: CostSeries & { byService: Record<string, number[]> };
  /** The last 13 months (this one included), in all, by service and by linked account. */
  monthly: CostSeries & {
    byService: Record<string, number[]>;
    byAccount: Record<string, number[]>;
  };
  /** Cost Explorer's forecast of the payer account's whole month. */
  accountForecast?: { monthEnd: number; lower?: number; upper?: number };
  /** The payer account's spend by month (every cost center), aligned with `monthly`. */
  accountMonthly?: number[];
  /** Anomalies whose root-cause service this cost center spent on in their window. */
  anomalies: CostAnomaly[];
  allocationTags: AllocationTagStatus[];
  /** When each query behind this snapshot last ran. */
  fetched: Partial<Record<CostQueryId, string>>;
  /** The queries whose last run failed: their figures are those of `fetched`. */
  queryErrors?: Partial<Record<CostQueryId, CostQueryError>>;
}

/**
 * Resources without a CostCenter tag that one entity owns (or, without
 * `entityRef`, that the catalog does not know): whom to ask to tag them.
 *
 * @public
 */
export interface UntaggedResourceGroup {
  /** The most specific entity that owns them; absent for resources the catalog does not know. */
  entityRef?: string;
  /** The entity's owner (`spec.owner`). */
  owner?: string;
  system?: string;
  count: number;
  /** How many of each kind: `{ 'CloudWatch alarm': 4, 'RDS DB instance': 1 }`. */
  kinds: Record<string, number>;
  /** The first of their ARNs, at most {@link UNTAGGED_ARNS_SHOWN}. */
  arns: string[];
}

/** How many ARNs an {@link UntaggedResourceGroup} lists. @public */
export const UNTAGGED_ARNS_SHOWN = 25;

/**
 * A cost center on the Cost page.
 *
 * @public
 */
export interface CostCenterRow {
  costCenter: string;
  untagged: boolean;
  currency: string;
  monthToDate: number;
  lastMonth: number;
  /**
   * This month's spend at its run rate so far (month to date ÷ whole days
   * elapsed × days in month); on the 1st, when no whole day has passed, last
   * month's daily rate × days in this month.
   */
  runRateMonthEnd: number;
  /**
   * Where the month will end: the cost center's share of month-to-date spend
   * (on the 1st, of last month's) applied to Cost Explorer's forecast of the
   * payer account, or the run rate when there is no forecast (the last day of
   * a month, or no spend yet).
   */
  forecastMonthEnd: number;
  forecastBasis: 'cost-explorer' | 'run-rate' | 'last-month-rate';
  /** The last 13 months, oldest first. */
  monthly: CostSeries;
  /** The last 90 days, oldest first. */
  daily: CostSeries;
  topServices: Array<{ service: string; amount: number }>;
  /** Which month `topServices` are of: this one, or on the 1st (no whole day yet) the last. */
  topServicesMonth: 'this' | 'last';
  anomalies: CostAnomaly[];
  /** Platform tags that are not active cost allocation tags. */
  inactiveTags: AllocationTagStatus[];
  /**
   * Every entity annotated with this cost center that the reader may read
   * the cost of (all of them, for finance).
   */
  entityRefs: string[];
  /**
   * Those of `entityRefs` whose claim on the cost center is not verified:
   * their owner does not hold it in `awsPortal.cost.costCenters`.
   */
  unverifiedEntityRefs: string[];
  /**
   * On the untagged row only: the resources the portal collected (ECS
   * services, alarms, databases, caches, clusters) that carry no CostCenter
   * tag, by owning entity, the entities with most first and the resources
   * the catalog does not know last.
   */
  untaggedResources?: UntaggedResourceGroup[];
  /** The oldest query behind the numbers. */
  dataAsOf: string;
  /**
   * The queries whose last run failed, with why: their figures are the
   * ones of their last success (`lastSuccess`, absent when none ever
   * succeeded), the others are current.
   */
  staleQueries: Array<{ query: CostQueryId; message: string; failedAt: string; lastSuccess?: string }>;
}

/**
 * A cost center on an entity's Cost tab.
 *
 * @public
 */
export interface CostCenterDetail
  extends Omit<CostCenterSnapshot, 'accountForecast' | 'accountMonthly'>,
    Omit<CostCenterRow, 'monthly' | 'daily' | 'entityRefs' | 'anomalies'> {
  collectedAt: string;
}

