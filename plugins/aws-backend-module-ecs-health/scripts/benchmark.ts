/*
 * Benchmark of ECS health collection and serving (not a test: it prints
 * figures). Builds a realistic fleet on moto_server — 2,000 services in 50
 * clusters across 3 accounts × 2 regions, each service with its own task
 * definition and its own target group behind its cluster's ALB, 1 % of the
 * groups reporting an unhealthy target — then collects it twice through the
 * collection pipeline (the second refresh is the steady state) and loads the
 * fleet and entity endpoints with 20 concurrent clients.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-ecs-health benchmark
 *
 * Options (environment): BENCH_SERVICES (2000), BENCH_CLUSTERS (50),
 * BENCH_CLIENTS (20), BENCH_REQUESTS (2000 per endpoint), BENCH_UNHEALTHY_EVERY (100).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CollectionStore, EntityDirectory, SourceRuntime } from '@internal/plugin-aws-backend';
import { quietLogger, reportLoad, serveSources } from '@internal/plugin-aws-backend/testUtils';
import { AwsClientFactory, readAwsPortalSettings } from '@internal/plugin-aws-node';
import { benchmarkFleetConfig, runScript, startMotoServer } from '@internal/plugin-aws-node/testUtils';
import knexFactory from 'knex';
import { buildMotoFleet } from '../src/__testUtils__/motoFleet';
import { ecsHealthCollector } from '../src/ecsHealthCollector';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 50);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const UNHEALTHY_EVERY = Number(process.env.BENCH_UNHEALTHY_EVERY ?? 100);
const STOPPED_PER_CLUSTER = 2;

function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) =>
    Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

/**
 * The fewest calls a refresh can make, given the APIs' page and batch sizes:
 * every list paged at its maximum, DescribeServices by 10, DescribeTasks by
 * 100, DescribeTargetGroups 400 a page, GetMetricData 500 queries a call (two
 * per target group), DescribeTargetHealth for each group reporting unhealthy
 * targets, and DescribeTaskDefinition once per task definition not yet known.
 */
function lowerBound(
  clustersPerTarget: number[],
  servicesPerCluster: number,
  unhealthyGroups: number,
  newTaskDefinitions: number,
) {
  let calls = unhealthyGroups + newTaskDefinitions;
  for (const clusters of clustersPerTarget) {
    const groups = clusters * servicesPerCluster;
    calls += Math.max(1, Math.ceil(clusters / 100)); // ListClusters
    calls += Math.ceil(groups / 400); // DescribeTargetGroups
    calls += Math.ceil((2 * groups) / 500); // GetMetricData
    for (let c = 0; c < clusters; c++) {
      calls += Math.max(1, Math.ceil(servicesPerCluster / 100)); // ListServices
      calls += Math.ceil(servicesPerCluster / 10); // DescribeServices
      calls += Math.max(1, Math.ceil(STOPPED_PER_CLUSTER / 100)); // ListTasks (stopped)
      calls += Math.ceil(STOPPED_PER_CLUSTER / 100); // DescribeTasks
    }
  }
  return calls;
}

async function main() {
  const moto = await startMotoServer();
  try {
    const config = benchmarkFleetConfig(moto.endpoint);
    const { accountRegions } = readAwsPortalSettings(config);
    const clustersPerTarget = spread(CLUSTERS, accountRegions.length);
    const servicesPerCluster = Math.round(SERVICES / CLUSTERS);
    const factory = AwsClientFactory.fromConfig(config);

    let t0 = performance.now();
    await buildMotoFleet(factory, accountRegions, {
      clustersPerTarget,
      servicesPerCluster,
      stoppedTasksPerCluster: STOPPED_PER_CLUSTER,
      unhealthyEvery: UNHEALTHY_EVERY,
    });
    const total = clustersPerTarget.reduce((a, b) => a + b, 0) * servicesPerCluster;
    const unhealthy = clustersPerTarget.reduce(
      (sum, clusters) =>
        sum + Array.from({ length: clusters * servicesPerCluster }, (_, i) => i).filter(i => UNHEALTHY_EVERY && i % UNHEALTHY_EVERY === 0).length,
      0,
    );
    console.log(
      `fleet: ${total} services in ${CLUSTERS} clusters, ${accountRegions.length} account × region pairs, ${total} task definitions, ${total} target groups behind ${CLUSTERS} ALBs, ${unhealthy} groups reporting an unhealthy target (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const db = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await db.migrate.latest({
      directory: resolvePackagePath('@internal/plugin-aws-backend', 'migrations'),
    });
    const entities: Entity[] = Array.from({ length: 200 }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i % CLUSTERS}-${Math.floor(i / CLUSTERS)}`,
        annotations: {
          'aws.portal/tag-selector': `Component=svc-${i % CLUSTERS}-${Math.floor(i / CLUSTERS)}`,
        },
      },
      spec: { owner: `team-${i % 7}`, system: `system-${i % 5}` },
    }));
    const runtime = new SourceRuntime({
      collector: ecsHealthCollector,
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
    });

    for (const refresh of [1, 2]) {
      factory.calls.reset();
      t0 = performance.now();
      await runtime.collectAll();
      const wall = performance.now() - t0;
      const calls = factory.calls.total();
      const bound = lowerBound(
        clustersPerTarget,
        servicesPerCluster,
        unhealthy,
        refresh === 1 ? total : 0,
      );
      console.log(
        `refresh ${refresh}: ${calls} AWS calls (lower bound ${bound}, ratio ${(calls / bound).toFixed(3)}), ${(wall / 1000).toFixed(2)} s wall`,
      );
      console.log(`  by operation: ${JSON.stringify(factory.calls.byOperation())}`);
    }

    const served = await serveSources([runtime]);
    const base = `${served.baseUrl}/ecs-health`;

    const answer = await runtime.fleetAnswer();
    console.log(
      `fleet answer: ${JSON.parse(answer.json).items.length} rows, ${(answer.json.length / 1024).toFixed(0)} KiB JSON, ${(answer.gzip.length / 1024).toFixed(0)} KiB gzip`,
    );
    const before = factory.calls.total();
    await reportLoad('/fleet', `${base}/fleet`, CLIENTS, REQUESTS);
    await reportLoad('/entity/…/svc-3-1', `${base}/entity/default/component/svc-3-1`, CLIENTS, REQUESTS);
    console.log(`AWS calls made by page views: ${factory.calls.total() - before}`);
    await served.close();
    await db.destroy();
  } finally {
    await moto.stop();
  }
}

runScript(main);
