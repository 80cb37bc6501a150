import {
  type CloudWatchClient,
  type CompositeAlarm,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
  type MetricDataQuery,
  paginateDescribeAlarmHistory,
  paginateDescribeAlarms,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type {
  AlarmHistoryEntry,
  AlarmSnapshot,
  AlarmState,
} from '@internal/plugin-aws-cloudwatch-common';
import {
  type CollectContext,
  type StoredItem,
  collectionErrorSentence,
  createCloudWatchClient,
  readMetricData,
} from '@internal/plugin-aws-node';
import { dimensionRecord, resourcesOfDimensions } from '../dimensions';
import { tagsOfResources } from '../tagsOfResources';

/** How far back the history reaches (DescribeAlarmHistory keeps 14 days). */
export const HISTORY_DAYS = 14;
/** State changes kept per alarm, newest first. */
export const HISTORY_KEPT = 50;
/** The chart's window. */
export const CHART_HOURS = 3;
/** New alarms up to this many get their history one call each; more, one sweep of the account. */
const PER_ALARM_HISTORY_LIMIT = 10;

export interface AlarmSourceOptions {
  /**
   * An alarm in OK whose state has not changed for {@link CHART_HOURS} keeps
   * its chart this long before it is read again. Alarms in ALARM or
   * INSUFFICIENT_DATA, and those that changed lately, are read every
   * collection. GetMetricData is billed per metric, so this is the knob
   * between cost and freshness of quiet alarms' charts. Default 60 min.
   */
  quietChartMaxAgeMs?: number;
}

const STATES = new Set<AlarmState>(['ALARM', 'INSUFFICIENT_DATA', 'OK']);
const asState = (s: string | undefined): AlarmState =>
  STATES.has(s as AlarmState) ? (s as AlarmState) : 'INSUFFICIENT_DATA';
const iso = (d: Date | undefined, fallback: Date) => (d ?? fallback).toISOString();

function severityOf(tags: Record<string, string>): string | undefined {
  const key = Object.keys(tags).find(k => k.toLowerCase() === 'severity');
  return key ? tags[key].toLowerCase() : undefined;
}

/**
 * CloudWatch alarms of one account × region: metric and composite alarms
 * (every page), their tags (one Resource Groups Tagging API sweep instead of
 * a call per alarm), their state history (read only when an alarm's state
 * changed since the last collection) and, for alarms that matter now, the
 * watched metric over the last hours (GetMetricData, 500 queries a call).
 */
export class AwsAlarmSource {
  private readonly quietChartMaxAgeMs: number;

  constructor(options: AlarmSourceOptions = {}) {
    this.quietChartMaxAgeMs = options.quietChartMaxAgeMs ?? 60 * 60_000;
  }

  async collectAccountRegion(
    accountRegion: AccountRegion,
    context: CollectContext<AlarmSnapshot>,
  ): Promise<AlarmSnapshot[]> {
    const cloudwatch = await createCloudWatchClient(context.clients, accountRegion);
    const tagging = await context.clients.create(ResourceGroupsTaggingAPIClient, accountRegion);
    const [described, tags] = await Promise.all([
      this.describeAlarms(cloudwatch),
      tagsOfResources(tagging, 'cloudwatch:alarm'),
    ]);
    const previous = new Map(context.previous.map(p => [p.key, p]));
    const alarms = described.map(a => this.toSnapshot(a, accountRegion, tags, previous, context.now));
    inheritMemberResources(alarms);
    await this.readHistory(cloudwatch, alarms, previous, accountRegion, context);
    await this.readCharts(cloudwatch, alarms, context.now);
    return alarms;
  }

  /** One alarm, for a user's refresh: its state, tags, history and chart read now. */
  async collectAlarm(
    known: StoredItem<AlarmSnapshot>,
    context: CollectContext<AlarmSnapshot>,
  ): Promise<AlarmSnapshot | undefined> {
    const accountRegion = { accountId: known.accountId, region: known.region };
    const cloudwatch = await createCloudWatchClient(context.clients, accountRegion);
    const page = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: [known.data.alarmName],
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      }),
    );
    const found = [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])];
    if (found.length === 0) return undefined;
    const tags = new Map([[known.key, known.tags]]);
    const alarm = this.toSnapshot(found[0], accountRegion, tags, new Map(), context.now);
    alarm.history = known.data.history;
    alarm.historyReadAt = known.data.historyReadAt;
    await this.readHistory(cloudwatch, [alarm], new Map(), accountRegion, context, true);
    await this.readCharts(cloudwatch, [alarm], context.now, true);
    return alarm;
  }

  private async describeAlarms(cloudwatch: CloudWatchClient) {
    const alarms: Array<MetricAlarm | CompositeAlarm> = [];
    for await (const page of paginateDescribeAlarms(
      { client: cloudwatch, pageSize: 100 },
      { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
    )) {
      alarms.push(...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? []));
    }
    return alarms;
  }

  private toSnapshot(
    a: MetricAlarm | CompositeAlarm,
    where: AccountRegion,
    tags: Map<string, Record<string, string>>,
    previous: Map<string, StoredItem<AlarmSnapshot>>,
    now: Date,
  ): AlarmSnapshot {
    const arn = a.AlarmArn ?? '';
    const alarmTags = tags.get(arn) ?? {};
    const composite = 'AlarmRule' in a && a.AlarmRule !== undefined;
    const m = a as MetricAlarm;
    const dimensions = dimensionRecord(m.Dimensions);
    const named = composite ? [] : resourcesOfDimensions(m.Namespace, dimensions, where);
    const updated = iso(a.StateUpdatedTimestamp, now);
    const before = previous.get(arn)?.data;
    return {
      alarmArn: arn,
      alarmName: a.AlarmName ?? arn,
      accountId: where.accountId,
      region: where.region,
      type: composite ? 'composite' : 'metric',
      state: asState(a.StateValue),
      stateReason: a.StateReason ?? '',
      stateSince: iso(a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp, now),
      stateUpdatedAt: updated,
      description: a.AlarmDescription || undefined,
      actionsEnabled: a.ActionsEnabled ?? true,
      metric:
        !composite && m.MetricName && m.Namespace
          ? {
              namespace: m.Namespace,
              metricName: m.MetricName,
              dimensions,
              statistic: m.ExtendedStatistic ?? m.Statistic ?? 'Average',
              periodSeconds: m.Period ?? 60,
              unit: m.Unit,
            }
          : undefined,
      metricMath: !composite && !m.MetricName && (m.Metrics?.length ?? 0) > 0 ? true : undefined,
      threshold: m.Threshold,
      comparison: m.ComparisonOperator,
      evaluationPeriods: m.EvaluationPeriods,
      datapointsToAlarm: m.DatapointsToAlarm,
      treatMissingData: m.TreatMissingData,
      rule: composite ? (a as CompositeAlarm).AlarmRule : undefined,
      severity: severityOf(alarmTags),
      tags: alarmTags,
      resources: named.map(r => r.arn),
      resourceLabels: named.map(r => r.label),
      // Kept until the history is read again below.
      history: before?.history ?? [],
      historyReadAt: before?.historyReadAt,
      chart: before?.chart,
    };
  }

  /**
   * Reads state history only for alarms whose state changed since the last
   * collection: a few new alarms one call each, otherwise one sweep of the
   * account since the oldest point needed. A failure to read history (an
   * account that denies it, an emulator without it) keeps the history known
   * so far and does not fail the collection.
   */
  private async readHistory(
    cloudwatch: CloudWatchClient,
    alarms: AlarmSnapshot[],
    previous: Map<string, StoredItem<AlarmSnapshot>>,
    where: AccountRegion,
    context: CollectContext<AlarmSnapshot>,
    force = false,
  ) {
    const { now } = context;
    const floor = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const stale = alarms.filter(
      a =>
        force ||
        !a.historyReadAt ||
        previous.get(a.alarmArn)?.data.stateUpdatedAt !== a.stateUpdatedAt,
    );
    if (stale.length === 0) return;
    const fresh = stale.filter(a => !a.historyReadAt);
    const known = stale.filter(a => a.historyReadAt);
    try {
      const found = new Map<string, AlarmHistoryEntry[]>();
      const add = (name: string, entry: AlarmHistoryEntry) => {
        const list = found.get(name) ?? [];
        list.push(entry);
        found.set(name, list);
      };
      if (fresh.length > PER_ALARM_HISTORY_LIMIT || previous.size === 0) {
        // First sight of many alarms: one sweep of the account's 14 days.
        await this.sweepHistory(cloudwatch, floor, add);
      } else {
        for (const a of fresh) {
          const page = await cloudwatch.send(
            new DescribeAlarmHistoryCommand({
              AlarmName: a.alarmName,
              AlarmTypes: [a.type === 'composite' ? 'CompositeAlarm' : 'MetricAlarm'],
              HistoryItemType: 'StateUpdate',
              StartDate: floor,
              MaxRecords: 100,
              ScanBy: 'TimestampDescending',
            }),
          );
          for (const h of page.AlarmHistoryItems ?? []) {
            const entry = historyEntry(h);
            if (entry) add(a.alarmName, entry);
          }
        }
        if (known.length > 0) {
          // Changes since the oldest read, with a minute of overlap for clock skew.
          const since = known.reduce(
            (min, a) => Math.min(min, Date.parse(a.historyReadAt!)),
            now.getTime(),
          );
          await this.sweepHistory(
            cloudwatch,
            new Date(Math.max(floor.getTime(), since - 60_000)),
            add,
          );
        }
      }
      const readAt = now.toISOString();
      for (const a of stale) {
        a.history = mergeHistory(a.history, found.get(a.alarmName) ?? [], floor);
        a.historyReadAt = readAt;
      }
      for (const a of alarms) {
        if (!stale.includes(a) && found.has(a.alarmName)) {
          a.history = mergeHistory(a.history, found.get(a.alarmName)!, floor);
        }
      }
    } catch (error) {
      context.logger.warn(
        `Alarm history not read; keeping what was known. ${collectionErrorSentence(where, error)}`,
      );
    }
  }

  private async sweepHistory(
    cloudwatch: CloudWatchClient,
    since: Date,
    add: (name: string, entry: AlarmHistoryEntry) => void,
  ) {
    for await (const page of paginateDescribeAlarmHistory(
      { client: cloudwatch, pageSize: 100 },
      {
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        HistoryItemType: 'StateUpdate',
        StartDate: since,
        ScanBy: 'TimestampDescending',
      },
    )) {
      for (const h of page.AlarmHistoryItems ?? []) {
        const entry = historyEntry(h);
        if (entry && h.AlarmName) add(h.AlarmName, entry);
      }
    }
  }

  /**
   * The watched metric over the last hours, for metric alarms that are not
   * OK, changed lately, or whose chart is older than the quiet limit.
   */
  private async readCharts(
    cloudwatch: CloudWatchClient,
    alarms: AlarmSnapshot[],
    now: Date,
    force = false,
  ) {
    const window = CHART_HOURS * 3600_000;
    const due = alarms.filter(a => {
      if (!a.metric) return false;
      if (force || !a.chart || a.state !== 'OK') return true;
      if (now.getTime() - Date.parse(a.stateSince) < window) return true;
      return now.getTime() - Date.parse(a.chart.readAt) >= this.quietChartMaxAgeMs;
    });
    const queries: MetricDataQuery[] = due.map((a, j) => ({
      Id: `a${j}`,
      MetricStat: {
        Metric: {
          Namespace: a.metric!.namespace,
          MetricName: a.metric!.metricName,
          Dimensions: Object.entries(a.metric!.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: Math.max(60, a.metric!.periodSeconds),
        Stat: a.metric!.statistic,
        Unit: a.metric!.unit as StandardUnit | undefined,
      },
    }));
    if (queries.length === 0) return;
    const points = await readMetricData(cloudwatch, queries, {
      start: new Date(now.getTime() - window),
      end: now,
    });
    due.forEach((a, j) => {
      a.chart = {
        readAt: now.toISOString(),
        periodSeconds: Math.max(60, a.metric!.periodSeconds),
        points: points.get(`a${j}`) ?? [],
      };
    });
  }
}

/** The alarm names a composite alarm's rule refers to: `ALARM("a") OR OK(b)`. */
export function ruleMembers(rule: string): string[] {
  const names = new Set<string>();
  for (const m of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]+)"|([^)\s]+))\s*\)/g)) {
    const name = m[1] ?? m[2];
    names.add(name.includes(':alarm:') ? name.slice(name.indexOf(':alarm:') + 7) : name);
  }
  return [...names];
}

/**
 * A composite alarm watches what its members watch: it takes their
 * resources (one level deep), so it belongs to the same entities.
 */
export function inheritMemberResources(alarms: AlarmSnapshot[]): void {
  const byName = new Map(alarms.map(a => [a.alarmName, a]));
  for (const a of alarms) {
    if (a.type !== 'composite' || !a.rule) continue;
    const arns = new Set(a.resources);
    const labels = new Set(a.resourceLabels);
    for (const name of ruleMembers(a.rule)) {
      const member = byName.get(name);
      if (!member || member.type === 'composite') continue;
      member.resources.forEach(r => arns.add(r));
      member.resourceLabels.forEach(l => labels.add(l));
    }
    a.resources = [...arns];
    a.resourceLabels = [...labels];
  }
}

function historyEntry(h: {
  Timestamp?: Date;
  HistorySummary?: string;
  HistoryData?: string;
}): AlarmHistoryEntry | undefined {
  if (!h.Timestamp) return undefined;
  let from: AlarmState | undefined;
  let to: AlarmState | undefined;
  try {
    const data = JSON.parse(h.HistoryData ?? '{}');
    from = data.oldState?.stateValue && asState(data.oldState.stateValue);
    to = data.newState?.stateValue && asState(data.newState.stateValue);
  } catch {
    // The summary still says what happened.
  }
  const summary = h.HistorySummary ?? '';
  to ??= asState(/to (ALARM|OK|INSUFFICIENT_DATA)/.exec(summary)?.[1]);
  return { at: h.Timestamp.toISOString(), from, to, summary };
}

/** Newest first, no duplicates, nothing older than the floor, at most {@link HISTORY_KEPT}. */
export function mergeHistory(
  known: AlarmHistoryEntry[],
  found: AlarmHistoryEntry[],
  floor: Date,
): AlarmHistoryEntry[] {
  const byKey = new Map<string, AlarmHistoryEntry>();
  for (const e of [...known, ...found]) byKey.set(`${e.at}|${e.to}`, e);
  return [...byKey.values()]
    .filter(e => Date.parse(e.at) >= floor.getTime())
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, HISTORY_KEPT);
}
