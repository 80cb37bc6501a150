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
import { CacheManager } from '@backstage/backend-defaults/cache';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  type LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CollectionStore,
  EntityDirectory,
  RefreshLimiter,
  SourceRuntime,
  createRouter,
} from '@internal/plugin-aws-backend';
import {
  AwsClientFactory,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  motoPortalConfig,
  startMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import express from 'express';
import knexFactory from 'knex';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
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

// Clients in a worker thread, over keep-alive HTTP, reading the raw (gzip)
// bytes: the figure is the server's latency, not the client's decompression.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, clients, requests, headers } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function get() {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}
(async () => {
  const latencies = [];
  let next = 0;
  let failures = 0;
  async function client() {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      const status = await get();
      if (status !== 200) failures++;
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  parentPort.postMessage({ latencies, failures });
})();
`;

function load(url: string, headers: Record<string, string>) {
  return new Promise<{ p50: number; p95: number; max: number; failures: number }>(
    (ok, fail) => {
      const worker = new Worker(LOAD_WORKER, {
        eval: true,
        workerData: { url, clients: CLIENTS, requests: REQUESTS, headers },
      });
      worker.once('message', ({ latencies, failures }) => {
        latencies.sort((a: number, b: number) => a - b);
        const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
        ok({ p50: at(0.5), p95: at(0.95), max: latencies.at(-1), failures });
        worker.terminate();
      });
      worker.once('error', fail);
    },
  );
}

/** Logs nothing: the benchmark prints its own figures. */
const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const moto = await startMotoServer();
  try {
    const config = new ConfigReader(
      motoPortalConfig({
        endpoint: moto.endpoint,
        regions: ['us-east-1', 'us-west-2'],
        assumeRoleInto: ['222222222222', '333333333333'],
      }),
    );
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

    const router = await createRouter({
      sources: new Map([[runtime.id, runtime]]),
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user() }),
      refreshLimiter: new RefreshLimiter(
        CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('aws'),
        30_000,
        30,
      ),
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: quietLogger,
    });
    const app = express()
      .use(middleware.compression())
      .use(router)
      .use(middleware.error());
    const server = app.listen(0, '127.0.0.1');
    await new Promise(r => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ecs-health`;

    const answer = await runtime.fleetAnswer();
    console.log(
      `fleet answer: ${JSON.parse(answer.json).items.length} rows, ${(answer.json.length / 1024).toFixed(0)} KiB JSON, ${(answer.gzip.length / 1024).toFixed(0)} KiB gzip`,
    );
    const before = factory.calls.total();
    const headers = { 'accept-encoding': 'gzip' };
    const fleet = await load(`${base}/fleet`, headers);
    console.log(
      `GET /fleet, ${CLIENTS} clients, ${REQUESTS} requests: p50 ${ms(fleet.p50)}, p95 ${ms(fleet.p95)}, max ${ms(fleet.max)}, failures ${fleet.failures}`,
    );
    const entity = await load(`${base}/entity/default/component/svc-3-1`, headers);
    console.log(
      `GET /entity/…/svc-3-1, ${CLIENTS} clients, ${REQUESTS} requests: p50 ${ms(entity.p50)}, p95 ${ms(entity.p95)}, max ${ms(entity.max)}, failures ${entity.failures}`,
    );
    console.log(`AWS calls made by page views: ${factory.calls.total() - before}`);
    server.close();
    await db.destroy();
  } finally {
    await moto.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
