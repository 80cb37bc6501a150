import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsCollector, CollectedItem } from '@internal/plugin-aws-node';

/** A toy resource: enough to exercise the pipeline without an AWS API. */
export interface Widget {
  name: string;
  state: 'ok' | 'broken';
}

export interface WidgetRow {
  key: string;
  name: string;
  state: string;
  entityRef?: string;
}

export interface WidgetDetail extends Widget {
  collectedAt: string;
  /** Derived at answer time, like a health verdict. */
  verdict: string;
}

/**
 * The "account" the widget collector reads: widgets per account × region, or
 * an error to throw for that account × region. Counts every read.
 */
export class WidgetCloud {
  readonly parts = new Map<string, Widget[] | Error>();
  reads = 0;
  refreshes = 0;

  set(accountId: string, region: string, value: Widget[] | Error) {
    this.parts.set(`${accountId}/${region}`, value);
  }

  read(ar: AccountRegion): Widget[] {
    this.reads++;
    const value = this.parts.get(`${ar.accountId}/${ar.region}`) ?? [];
    if (value instanceof Error) throw value;
    return value;
  }
}

export const widgetArn = (ar: AccountRegion, name: string) =>
  `arn:aws:widgets:${ar.region}:${ar.accountId}:widget/${name}`;

function toItem(ar: AccountRegion, w: Widget): CollectedItem<Widget> {
  return {
    key: widgetArn(ar, w.name),
    accountId: ar.accountId,
    region: ar.region,
    tags: { Component: w.name },
    data: w,
  };
}

export function widgetCollector(
  cloud: WidgetCloud,
): AwsCollector<Widget, WidgetRow, WidgetDetail> {
  return {
    id: 'widgets',
    itemNoun: 'widget',
    defaultSchedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    async collect(ar) {
      return cloud.read(ar).map(w => toItem(ar, w));
    },
    demo(ar) {
      return [{ name: 'demo-widget', state: 'ok' as const }].map(w => toItem(ar, w));
    },
    async refresh(item) {
      cloud.refreshes++;
      const found = cloud.read(item).find(w => w.name === item.data.name);
      return found && toItem(item, found);
    },
    checkKey(key) {
      return key.startsWith('arn:aws:widgets:') ? undefined : 'The key must be a widget ARN.';
    },
    present(item, { owner }) {
      return {
        row: { key: item.key, name: item.data.name, state: item.data.state, entityRef: owner?.entityRef },
        detail: { ...item.data, collectedAt: item.collectedAt, verdict: item.data.state === 'ok' ? 'fine' : 'needs care' },
      };
    },
    compareRows: (a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
  };
}
