import type { CollectionAnswer, EntityCollectionAnswer } from '@internal/plugin-aws-common';
import type { WidgetDetail, WidgetRow } from '../__testUtils__/widgetCollector';
import { widgetArn } from '../__testUtils__/widgetCollector';
import { CRM, DATA, component, sqlite, widgetRuntime } from '../__testUtils__/widgetRuntime';

const fleetOf = async (r: { fleetAnswer(): Promise<{ json: string }> }) =>
  JSON.parse((await r.fleetAnswer()).json) as CollectionAnswer<WidgetRow>;
const entityOf = async (r: { entityAnswer(ref: string): Promise<{ json: string }> }, ref: string) =>
  JSON.parse((await r.entityAnswer(ref)).json) as EntityCollectionAnswer<WidgetDetail>;

describe('SourceRuntime', () => {
  it('collects every account × region, keeps a failed one’s last data marked stale, and serves without reading AWS', async () => {
    let now = new Date('2026-11-25T10:00:00.000Z');
    const { cloud, runtime } = widgetRuntime({
      db: await sqlite(),
      clock: () => now,
      entities: [
        component('billing', { 'aws.portal/tag-selector': 'Component=billing' }),
        component('ledger', { 'aws.portal/arns': widgetArn(DATA, 'ledger') }, { system: 'finance' }),
      ],
    });
    cloud.set(CRM.accountId, CRM.region, [
      { name: 'billing', state: 'ok' },
      { name: 'auth', state: 'broken' },
    ]);
    cloud.set(DATA.accountId, DATA.region, [{ name: 'ledger', state: 'ok' }]);
    await runtime.collectAll();
    expect(cloud.reads).toBe(2);

    now = new Date('2026-11-25T10:05:00.000Z');
    cloud.set(
      DATA.accountId,
      DATA.region,
      Object.assign(new Error('The security token included in the request is expired'), {
        name: 'ExpiredTokenException',
      }),
    );
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'broken' }]);
    await runtime.collectAll();

    const fleet = await fleetOf(runtime);
    expect(fleet.generatedAt).toBe('2026-11-25T10:05:00.000Z');
    expect(fleet.items).toEqual([
      { key: widgetArn(CRM, 'billing'), name: 'billing', state: 'broken', entityRef: 'component:default/billing' },
      { key: widgetArn(DATA, 'ledger'), name: 'ledger', state: 'ok', entityRef: 'component:default/ledger' },
    ]);
    expect(fleet.accountRegions).toEqual([
      {
        ...CRM,
        collectedAt: '2026-11-25T10:05:00.000Z',
        lastAttemptAt: '2026-11-25T10:05:00.000Z',
        itemCount: 1,
        stale: false,
      },
      {
        ...DATA,
        collectedAt: '2026-11-25T10:00:00.000Z',
        lastAttemptAt: '2026-11-25T10:05:00.000Z',
        error:
          "AWS refused the portal's credentials for account 222222222222 in eu-west-1 (ExpiredTokenException: The security token included in the request is expired).",
        itemCount: 1,
        stale: true,
      },
    ]);

    const ledger = await entityOf(runtime, 'component:default/ledger');
    expect(ledger.items).toEqual([
      { name: 'ledger', state: 'ok', collectedAt: '2026-11-25T10:00:00.000Z', verdict: 'fine' },
    ]);
    expect(ledger.accountRegions.map(p => p.accountId)).toEqual([CRM.accountId, DATA.accountId]);
    await expect(runtime.entityAnswer('component:default/nope')).rejects.toThrow(
      'No entity component:default/nope with AWS annotations.',
    );
    expect(cloud.reads).toBe(4);
  });

  it('marks data stale by age alone when collections stop', async () => {
    const db = await sqlite();
    let now = new Date('2026-11-25T10:00:00.000Z');
    const { cloud, runtime } = widgetRuntime({ db, clock: () => now, staleAfterMs: 60_000 });
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }]);
    await runtime.collectAll();
    expect((await fleetOf(runtime)).accountRegions.every(p => !p.stale)).toBe(true);
    now = new Date('2026-11-25T10:02:00.000Z');
    const later = widgetRuntime({ db, clock: () => now, staleAfterMs: 60_000 });
    expect((await fleetOf(later.runtime)).accountRegions.map(p => p.stale)).toEqual([true, true]);
  });

  it('serves what another replica collected, with the same bytes and ETag', async () => {
    const db = await sqlite();
    const now = () => new Date('2026-11-25T10:00:00.000Z');
    const a = widgetRuntime({ db, clock: now });
    const b = widgetRuntime({ db, clock: now, cloud: a.cloud });
    a.cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }]);
    expect((await fleetOf(b.runtime)).items).toEqual([]);
    await a.runtime.collectAll();
    const [fromA, fromB] = await Promise.all([a.runtime.fleetAnswer(), b.runtime.fleetAnswer()]);
    expect(fromB.json).toBe(fromA.json);
    expect(fromB.etag).toBe(fromA.etag);
    expect(JSON.parse(fromB.json).items).toHaveLength(1);
  });

  it('refreshes one item, forgets a vanished one, and explains bad keys', async () => {
    const { cloud, runtime } = widgetRuntime({ db: await sqlite() });
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'ok' }, { name: 'auth', state: 'ok' }]);
    await runtime.collectAll();
    cloud.set(CRM.accountId, CRM.region, [{ name: 'billing', state: 'broken' }]);

    expect(await runtime.refreshItem(widgetArn(CRM, 'billing'))).toMatchObject({
      name: 'billing',
      state: 'broken',
      verdict: 'needs care',
    });
    await expect(runtime.refreshItem(widgetArn(CRM, 'auth'))).rejects.toThrow(
      `The widget ${widgetArn(CRM, 'auth')} no longer exists in account 111111111111 (us-east-1).`,
    );
    expect((await fleetOf(runtime)).items.map(i => [i.name, i.state])).toEqual([['billing', 'broken']]);
    await expect(runtime.refreshItem(widgetArn(CRM, 'auth'))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `The portal knows no widget ${widgetArn(CRM, 'auth')}.`,
    });
    await expect(runtime.refreshItem('billing')).rejects.toMatchObject({
      name: 'InputError',
      message: 'The key must be a widget ARN.',
    });
    expect(cloud.refreshes).toBe(2);
  });

  it('collects the demo account without any AWS reads', async () => {
    const { cloud, runtime } = widgetRuntime({ db: await sqlite(), demo: true });
    await runtime.collectAll();
    const fleet = await fleetOf(runtime);
    expect(fleet.demo).toBe(true);
    expect(fleet.items.map(i => i.key)).toEqual([widgetArn(DATA, 'demo-widget'), widgetArn(CRM, 'demo-widget')]);
    expect(await runtime.refreshItem(widgetArn(CRM, 'demo-widget'))).toMatchObject({ name: 'demo-widget' });
    expect(cloud.reads).toBe(0);
  });
});
