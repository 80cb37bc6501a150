import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { EcsServiceSnapshot } from '@internal/plugin-aws-health-common';
import type { Knex } from 'knex';
import { testDatabases } from '../__testUtils__/databases';
import { HealthStore } from './HealthStore';

jest.setTimeout(60_000);

const migrations = resolvePackagePath(
  '@internal/plugin-aws-health-backend',
  'migrations',
);
const databases = testDatabases();

async function migrated(db: Knex) {
  await db.migrate.latest({ directory: migrations });
  return new HealthStore(db);
}

const target = { accountId: '111111111111', region: 'us-east-1', accountName: 'crm' };
const other = { accountId: '222222222222', region: 'us-west-2' };

function snapshot(
  name: string,
  t: { accountId: string; region: string } = target,
): EcsServiceSnapshot {
  return {
    accountId: t.accountId,
    region: t.region,
    clusterName: 'c',
    clusterArn: `arn:aws:ecs:${t.region}:${t.accountId}:cluster/c`,
    serviceName: name,
    serviceArn: `arn:aws:ecs:${t.region}:${t.accountId}:service/c/${name}`,
    serviceStatus: 'ACTIVE',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    capacityProviderStrategy: [],
    taskDefinition: { arn: 'td' },
    deployments: [],
    events: [],
    stoppedTasks: [],
    targetHealth: [],
    tags: {},
  };
}

describe.each(databases.eachSupportedId())('HealthStore on %s', id => {
  it('migrates up and down', async () => {
    const db = await databases.init(id);
    await db.migrate.latest({ directory: migrations });
    expect(await db.schema.hasTable('aws_health_services')).toBe(true);
    await db.migrate.rollback({ directory: migrations }, true);
    expect(await db.schema.hasTable('aws_health_services')).toBe(false);
    expect(await db.schema.hasTable('aws_health_targets')).toBe(false);
  });

  it('replaces a target, keeps its data through a failure and forgets unwatched targets', async () => {
    const store = await migrated(await databases.init(id));
    const many = Array.from({ length: 250 }, (_, i) => snapshot(`s${i}`));
    await store.replaceTarget(target, many, '2026-11-24T10:00:00.000Z');
    await store.replaceTarget(other, [snapshot('x', other)], '2026-11-24T10:00:00.000Z');
    await store.replaceTarget(target, many.slice(0, 2), '2026-11-24T10:05:00.000Z');
    await store.recordFailure(target, 'Credentials expired.', '2026-11-24T10:10:00.000Z');

    expect(await store.listTargets()).toEqual([
      {
        ...target,
        collectedAt: '2026-11-24T10:05:00.000Z',
        lastAttemptAt: '2026-11-24T10:10:00.000Z',
        error: 'Credentials expired.',
        serviceCount: 2,
      },
      {
        ...other,
        accountName: undefined,
        collectedAt: '2026-11-24T10:00:00.000Z',
        lastAttemptAt: '2026-11-24T10:00:00.000Z',
        error: undefined,
        serviceCount: 1,
      },
    ]);
    expect((await store.listServices()).map(s => s.snapshot.serviceName).sort()).toEqual(
      ['s0', 's1', 'x'],
    );

    await store.upsertService({ ...snapshot('s0'), runningCount: 0 }, '2026-11-24T10:11:00.000Z');
    await store.deleteService(snapshot('s1').serviceArn);
    await store.retainOnly([target]);
    expect(await store.listServices()).toEqual([
      { snapshot: { ...snapshot('s0'), runningCount: 0 }, collectedAt: '2026-11-24T10:11:00.000Z' },
    ]);
    expect((await store.listTargets()).map(t => t.accountId)).toEqual(['111111111111']);
  });
});
