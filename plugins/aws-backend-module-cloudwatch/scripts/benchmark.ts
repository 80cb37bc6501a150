/*
 * Benchmark of alarm collection and serving (not a test: it prints figures).
 * Puts 10,000 alarms on moto_server across 3 accounts × 2 regions, each on
 * its own resource (ECS services' CPU and memory, databases, cache nodes,
 * target groups), tagged with an owner and a severity, 2 % firing and 1 %
 * without data; then collects them
 * through the collection pipeline three times and loads the fleet alarms
 * endpoint with 20 concurrent clients.
 *
 *   refresh 1: first sight (every chart and the history of 14 days)
 *   refresh 2: four hours later (every quiet chart is older than the hour it is kept)
 *   refresh 3: two minutes after that: the steady state
 *
 * moto answers DescribeAlarms in one page, ends GetResources pages at its
 * own tag count, and has no DescribeAlarmHistory (each attempt fails, is
 * counted, and the history is tried again next time). The lower bound below
 * takes list pages as the server cut them (the source already asks for the
 * largest pages); the same bound with AWS's page sizes is printed beside it.
 * moto's GetMetricData scans every data point of the account for every
 * query and every period (a call of 500 queries over 3 hours of 1-minute
 * periods took minutes with data for 300 alarms), so no metric data is
 * published: the charts come back empty, and the number of GetMetricData
 * calls, which is what is measured, does not depend on the data. Charts over
 * real data are tested in the moto tests.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-cloudwatch benchmark
 *
 * Options (environment): BENCH_ALARMS (10000), BENCH_CLIENTS (20), BENCH_REQUESTS (1000).
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CollectionStore, EntityDirectory, SourceRuntime } from '@internal/plugin-aws-backend';
import { quietLogger, reportLoad, serveSources } from '@internal/plugin-aws-backend/testUtils';
import { AwsClientFactory, readAwsPortalSettings } from '@internal/plugin-aws-node';
import { benchmarkFleetConfig, runScript, startMotoServer } from '@internal/plugin-aws-node/testUtils';
import knexFactory from 'knex';
import { buildMotoAlarms } from '../src/__testUtils__/motoAlarms';
import { createAlarmsCollector } from '../src/alarms/alarmsCollector';

const ALARMS = Number(process.env.BENCH_ALARMS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const FIRING_EVERY = 50;
const INSUFFICIENT_EVERY = 97;
const TAGS_PER_ALARM = 3;

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/**
 * The fewest calls a refresh of one account × region can make: list every
 * alarm once, sweep its tags once, one history sweep when anything needs
 * history, and GetMetricData for the charts that are due, 500 a call.
 */
function lowerBound(
  alarms: number,
  chartsDue: number,
  historyNeeded: boolean,
  server: { describePage: number; tagPages: number },
) {
  return (
    pages(alarms, server.describePage) +
    server.tagPages +
    (historyNeeded ? 1 : 0) +
    (chartsDue > 0 ? Math.ceil(chartsDue / 500) : 0)
  );
}


async function main() {
  const moto = await startMotoServer();
  try {
    const config = benchmarkFleetConfig(moto.endpoint);
    const { accountRegions } = readAwsPortalSettings(config);
    const perPart = accountRegions.map((_, i) =>
      Math.floor(ALARMS / accountRegions.length) + (i < ALARMS % accountRegions.length ? 1 : 0),
    );
    const factory = AwsClientFactory.fromConfig(config);
    let t0 = performance.now();
    for (const [i, part] of accountRegions.entries()) {
      await buildMotoAlarms(factory, [part], {
        alarms: perPart[i],
        firingEvery: FIRING_EVERY,
        insufficientEvery: INSUFFICIENT_EVERY,
      });
    }
    const notOk = perPart.map(n =>
      Array.from({ length: n }, (_, i) => i).filter(i => i % FIRING_EVERY === 0 || i % INSUFFICIENT_EVERY === 0).length,
    );
    console.log(
      `alarms: ${ALARMS} on ${accountRegions.length} account × region pairs (${perPart.join(', ')}), ${notOk.reduce((a, b) => a + b, 0)} not OK, ${TAGS_PER_ALARM} tags each (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const db = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-aws-backend', 'migrations') });
    // 2,000 components, one per service the alarms watch (named by their entity tag).
    const entities: Entity[] = Array.from({ length: Math.ceil(ALARMS / 5) }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${i}`, annotations: { 'aws.portal/tag-selector': `Service=svc-${i}` } },
      spec: { owner: `team-${i % 7}`, system: `system-${i % 5}` },
    }));
    let now = new Date();
    const runtime = new SourceRuntime({
      collector: createAlarmsCollector(),
      store: new CollectionStore(db),
      clients: factory,
      directory: new EntityDirectory({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: quietLogger,
      }),
      accountRegions,
      demo: false,
      logger: quietLogger,
      staleAfterMs: 15 * 60_000,
      clock: () => now,
    });

    const start = now.getTime();
    const refreshes = [
      { label: 'first sight', at: start, chartsDue: (n: number) => n },
      { label: '4 h later', at: start + 4 * 3600_000, chartsDue: (n: number) => n },
      { label: 'steady state, 2 min after', at: start + 4 * 3600_000 + 120_000, chartsDue: (_: number, i: number) => notOk[i] },
    ];
    for (const [k, r] of refreshes.entries()) {
      now = new Date(r.at);
      factory.calls.reset();
      t0 = performance.now();
      await runtime.collectAll();
      const wall = performance.now() - t0;
      const calls = factory.calls.byOperation();
      delete calls['STSClient.AssumeRoleCommand'];
      const total = Object.values(calls).reduce((a, b) => a + b, 0);
      // moto never answers DescribeAlarmHistory, so every refresh needs one sweep.
      const tagPages = calls['ResourceGroupsTaggingAPIClient.GetResourcesCommand'] / perPart.length;
      const bound = perPart.reduce(
        (sum, n, i) => sum + lowerBound(n, r.chartsDue(n, i), true, { describePage: Infinity, tagPages }),
        0,
      );
      const onAws = perPart.reduce(
        (sum, n, i) => sum + lowerBound(n, r.chartsDue(n, i), k === 0, { describePage: 100, tagPages: pages(n, 100) }),
        0,
      );
      console.log(
        `refresh ${k + 1} (${r.label}): ${total} AWS calls (lower bound on this server ${bound}, ratio ${(total / bound).toFixed(3)}; the same refresh's bound with AWS's page sizes: ${onAws}), ${(wall / 1000).toFixed(2)} s wall`,
      );
      console.log(`  by operation: ${JSON.stringify(calls)}`);
    }

    const served = await serveSources([runtime]);
    const answer = await runtime.fleetAnswer();
    const fleet = JSON.parse(answer.json);
    console.log(
      `fleet answer: ${fleet.items.length} alarms (${fleet.items.filter((a: { entityRef?: string }) => a.entityRef).length} with an owner), ${(answer.json.length / 1024).toFixed(0)} KiB JSON, ${(answer.gzip.length / 1024).toFixed(0)} KiB gzip`,
    );
    const before = factory.calls.total();
    const base = `${served.baseUrl}/alarms`;
    await reportLoad('/alarms/fleet', `${base}/fleet`, CLIENTS, REQUESTS);
    await reportLoad('/alarms/summary', `${base}/summary`, CLIENTS, REQUESTS);
    await reportLoad('/alarms/entity/…/svc-7', `${base}/entity/default/component/svc-7`, CLIENTS, REQUESTS);
    console.log(`AWS calls made by page views: ${factory.calls.total() - before}`);
    await served.close();
    await db.destroy();
  } finally {
    await moto.stop();
  }
}

runScript(main);
