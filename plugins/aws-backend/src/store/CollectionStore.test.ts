import type { CollectedItem } from '@internal/plugin-aws-node';
import { MIGRATIONS, migrated, testDatabases } from '../__testUtils__/databases';
import { CollectionStore } from './CollectionStore';

jest.setTimeout(60_000);

const databases = testDatabases();
const crm = { accountId: '111111111111', region: 'us-east-1', accountName: 'crm' };
const other = { accountId: '222222222222', region: 'us-west-2' };

function item(name: string, at: { accountId: string; region: string } = crm): CollectedItem<{ n: string }> {
  return {
    key: `arn:aws:ecs:${at.region}:${at.accountId}:service/c/${name}`,
    accountId: at.accountId,
    region: at.region,
    tags: { Component: name },
    data: { n: name },
  };
}

describe.each(databases.eachSupportedId())('CollectionStore on %s', id => {
  it('migrates up and down', async () => {
    const db = await databases.init(id);
    await db.migrate.latest({ directory: MIGRATIONS });
    expect(await db.schema.hasTable('aws_collection_parts')).toBe(true);
    expect(await db.schema.hasTable('aws_collection_items')).toBe(true);
    await db.migrate.rollback({ directory: MIGRATIONS }, true);
    expect(await db.schema.hasTable('aws_collection_parts')).toBe(false);
    expect(await db.schema.hasTable('aws_collection_items')).toBe(false);
  });

  it('replaces a part, keeps its items through a failure, refreshes one item and forgets unwatched parts', async () => {
    const store = new CollectionStore(await migrated(await databases.init(id)));
    const many = Array.from({ length: 250 }, (_, i) => item(`s${i}`));
    await store.replacePart('ecs-health', crm, many, '2026-11-24T10:00:00.000Z');
    await store.replacePart('ecs-health', other, [item('x', other)], '2026-11-24T10:00:00.000Z');
    // Another source's items live beside, untouched.
    await store.replacePart('alarms', crm, [item('alarm')], '2026-11-24T10:00:00.000Z');
    const v1 = await store.version('ecs-health');
    await store.replacePart('ecs-health', crm, many.slice(0, 2), '2026-11-24T10:05:00.000Z');
    await store.recordFailure('ecs-health', crm, 'Credentials expired.', '2026-11-24T10:10:00.000Z');
    const v2 = await store.version('ecs-health');
    expect(v2).not.toBe(v1);

    expect(await store.listParts('ecs-health')).toEqual([
      {
        ...crm,
        collectedAt: '2026-11-24T10:05:00.000Z',
        lastAttemptAt: '2026-11-24T10:10:00.000Z',
        error: 'Credentials expired.',
        itemCount: 2,
      },
      {
        ...other,
        accountName: undefined,
        collectedAt: '2026-11-24T10:00:00.000Z',
        lastAttemptAt: '2026-11-24T10:00:00.000Z',
        error: undefined,
        itemCount: 1,
      },
    ]);
    expect((await store.listItems('ecs-health', crm)).map(i => i.key)).toEqual(
      many.slice(0, 2).map(i => i.key),
    );

    await store.putItem('ecs-health', crm, item('s0').key, { ...item('s0'), data: { n: 'changed' } }, '2026-11-24T10:11:00.000Z');
    await store.putItem('ecs-health', crm, item('s1').key, undefined, '2026-11-24T10:11:00.000Z');
    expect(await store.version('ecs-health')).not.toBe(v2);
    expect(await store.getItem('ecs-health', item('s0').key)).toEqual({
      ...item('s0'),
      data: { n: 'changed' },
      collectedAt: '2026-11-24T10:11:00.000Z',
    });
    expect((await store.listParts('ecs-health'))[0].itemCount).toBe(1);

    await store.retainOnly('ecs-health', [crm]);
    expect((await store.listItems('ecs-health')).map(i => i.data)).toEqual([{ n: 'changed' }]);
    expect((await store.listParts('ecs-health')).map(p => p.accountId)).toEqual(['111111111111']);
    expect(await store.listItems('alarms')).toHaveLength(1);
  });
});
