import { type AccountRegion, ownerEntityRef } from '@internal/plugin-aws-common';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  type CostCenterDetail,
  type CostCenterHolders,
  type CostCenterRow,
  type CostCenterSnapshot,
  type CostMetric,
  type CostQueryId,
  awsCostReadPermission,
  holdsCostCenter,
} from '@internal/plugin-aws-cost-common';
import type { AwsCollector, CollectedItem, ItemOwner } from '@internal/plugin-aws-node';
import { AwsCostSource } from './AwsCostSource';
import { addMonths, daysInMonth } from './dates';
import { demoCost } from './demoCost';
import { untaggedResourceGroups } from './untaggedResources';

export interface CostCollectorOptions {
  /** The account whose Cost Explorer sees the whole organisation; the first watched one when absent. */
  payerAccountId?: string;
  metric?: CostMetric;
  /** Who holds each cost center (`awsPortal.cost.costCenters`): an entity's claim is verified when its owner does. */
  costCenters?: CostCenterHolders;
}

/** An owner's full ref (`team-crm` on a component in `default` → `group:default/team-crm`). */
function ownerRefOf(entity: ItemOwner): string | undefined {
  return ownerEntityRef(entity.owner, parseEntityRef(entity.entityRef).namespace);
}

function toItem(s: CostCenterSnapshot): CollectedItem<CostCenterSnapshot> {
  return {
    key: `cost-center:${s.costCenter}`,
    accountId: s.payerAccountId,
    region: 'us-east-1',
    tags: s.costCenter ? { CostCenter: s.costCenter } : {},
    data: s,
  };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The figures of the Cost page, derived from a snapshot at answer time. */
export function costFigures(s: CostCenterSnapshot, now: Date) {
  const months = s.monthly.amounts;
  const thisMonth = now.toISOString().slice(0, 7);
  const last = months.length - 1;
  const current = addMonths(s.monthly.start, last) === thisMonth;
  const monthToDate = current ? months[last] ?? 0 : 0;
  const lastMonth = months[current ? last - 1 : last] ?? 0;
  // Whole days of this month Cost Explorer has. On the 1st (UTC) there are
  // none: the month's figures then lean on last month instead of reading 0.
  const wholeDays = now.getUTCDate() - 1;
  const firstDay = current && wholeDays === 0;
  const servicesAt = firstDay ? last - 1 : last;
  const topServices = Object.entries(s.monthly.byService)
    .map(([service, amounts]) => ({ service, amount: amounts[servicesAt] ?? 0 }))
    .filter(t => t.amount > 0)
    .sort((a, b) => b.amount - a.amount)
    .slice(0, 5);
  const dataAsOf = Object.values(s.fetched).sort()[0] ?? '';
  const runRateMonthEnd = firstDay
    ? round((lastMonth / daysInMonth(addMonths(thisMonth, -1))) * daysInMonth(thisMonth))
    : round((monthToDate / Math.max(1, wholeDays)) * daysInMonth(thisMonth));
  // The cost center's share of the payer's spend: this month's so far, or on the 1st last month's.
  const accountToDate = current ? s.accountMonthly?.[last] ?? 0 : 0;
  const accountLastMonth = s.accountMonthly?.[current ? last - 1 : last] ?? 0;
  let share: number | undefined;
  if (accountToDate > 0) share = monthToDate / accountToDate;
  else if (firstDay && accountLastMonth > 0) share = lastMonth / accountLastMonth;
  const byForecast = s.accountForecast && share !== undefined;
  let forecastBasis: CostCenterRow['forecastBasis'] = firstDay ? 'last-month-rate' : 'run-rate';
  if (byForecast) forecastBasis = 'cost-explorer';
  return {
    monthToDate,
    lastMonth,
    runRateMonthEnd,
    forecastMonthEnd: byForecast ? round(s.accountForecast!.monthEnd * share!) : runRateMonthEnd,
    forecastBasis,
    topServices,
    topServicesMonth: firstDay ? ('last' as const) : ('this' as const),
    inactiveTags: s.allocationTags.filter(t => t.status !== 'Active'),
    dataAsOf,
    staleQueries: Object.entries(s.queryErrors ?? {}).map(([query, e]) => ({
      query: query as CostQueryId,
      message: e!.message,
      failedAt: e!.at,
      ...(s.fetched[query as CostQueryId] ? { lastSuccess: s.fetched[query as CostQueryId] } : {}),
    })),
  };
}

/**
 * Spend by CostCenter tag as a source of the collection pipeline, from the
 * payer account's Cost Explorer. A cost center's spend shows on the
 * entities annotated with it (`aws.portal/cost-center`); reading it needs
 * `aws.cost.read` on them, which the portal's policy grants to the groups
 * that hold the cost center in configuration and to finance. A claim whose
 * entity's owner does not hold the cost center is marked unverified.
 *
 * @public
 */
export function createCostCollector(
  options: CostCollectorOptions = {},
): AwsCollector<CostCenterSnapshot, CostCenterRow, CostCenterDetail> {
  const metric = options.metric ?? 'UnblendedCost';
  const aws = new AwsCostSource(metric);
  const holders: CostCenterHolders = options.costCenters ?? new Map();
  return {
    id: 'cost',
    itemNoun: 'cost',
    // Hourly, so that a new day's queries run soon after midnight UTC; each
    // query runs at most once a day whatever the schedule.
    defaultSchedule: { frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { seconds: 15 } },
    parts({ accountRegions, demo }): AccountRegion[] {
      const first = accountRegions[0];
      const accountId = demo ? first?.accountId : options.payerAccountId ?? first?.accountId;
      if (!accountId) return [];
      const named = accountRegions.find(p => p.accountId === accountId);
      return [{ accountId, region: 'us-east-1', accountName: named?.accountName }];
    },
    ownedBy: 'cost-center',
    readsKnownResources: true,
    readPermission: awsCostReadPermission,
    readRule:
      'a cost center\'s cost is readable by the groups that hold it (awsPortal.cost.costCenters) and by finance; owning an entity that claims it grants nothing.',

    explainRefusal(entityRef, details) {
      const claim = details.find(d => d.unverifiedEntityRefs.includes(entityRef));
      if (!claim) return undefined;
      return `${entityRef} claims cost center ${claim.costCenter}, which its owner does not hold in awsPortal.cost.costCenters: the claim is unverified, and a cost center's cost is readable only by the groups that hold it and by finance.`;
    },

    async collect(payer, context) {
      return (await aws.collect(payer, context)).map(toItem);
    },

    demo(payer, now) {
      return demoCost(payer.accountId, metric, now).map(toItem);
    },

    present({ data, collectedAt }, { now, owner, owners = owner ? [owner] : [], knownResources }) {
      const figures = costFigures(data, now);
      const untagged = data.costCenter === '';
      // The organisation's totals serve the figures above and stay here.
      const { accountForecast: _forecast, accountMonthly: _monthly, ...own } = data;
      // A claim counts when the claiming entity's owner holds the cost center.
      const unverifiedEntityRefs = untagged
        ? []
        : owners.filter(o => !holdsCostCenter(holders, data.costCenter, ownerRefOf(o))).map(o => o.entityRef);
      return {
        detail: { ...own, ...figures, untagged, collectedAt, unverifiedEntityRefs },
        row: {
          costCenter: data.costCenter,
          untagged,
          currency: data.currency,
          monthly: { start: data.monthly.start, amounts: data.monthly.amounts },
          daily: { start: data.daily.start, amounts: data.daily.amounts },
          anomalies: data.anomalies,
          entityRefs: owners.map(o => o.entityRef),
          unverifiedEntityRefs,
          ...figures,
          ...(untagged && knownResources
            ? { untaggedResources: untaggedResourceGroups(knownResources()) }
            : {}),
        },
      };
    },

    // A reader who may read only some of the entities sharing the cost
    // center sees only those named.
    restrictRow: (row, readable) => ({
      ...row,
      entityRefs: row.entityRefs.filter(readable),
      unverifiedEntityRefs: row.unverifiedEntityRefs.filter(readable),
    }),

    compareRows(a, b) {
      return b.monthToDate - a.monthToDate || a.costCenter.localeCompare(b.costCenter);
    },
  };
}
