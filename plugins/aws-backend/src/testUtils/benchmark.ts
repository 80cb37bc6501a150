import { CacheManager } from '@backstage/backend-defaults/cache';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { LoggerService, PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { RefreshLimiter } from '../service/RefreshLimiter';
import { createRouter } from '../service/router';
import type { SourceRuntime } from '../service/SourceRuntime';

/** Logs nothing: a benchmark prints its own figures. */
export const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/**
 * Serves the sources with the plugin's router, compression and error
 * handler on a local port, as a signed-in user would reach them.
 */
export async function serveSources(runtimes: SourceRuntime[], options: { permissions?: PermissionsService } = {}) {
  const router = await createRouter({
    sources: new Map(runtimes.map(r => [r.id, r])),
    permissions: options.permissions,
    httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user() }),
    refreshLimiter: new RefreshLimiter(CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('aws'), {
      perItemIntervalMs: 30_000,
      perUserPerMinute: 30,
    }),
  });
  const middleware = MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: quietLogger });
  const app = express().use(middleware.compression()).use(router).use(middleware.error());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
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

export interface LoadFigures {
  p50: number;
  p95: number;
  max: number;
  failures: number;
}

/** `requests` GETs of `url` from `clients` concurrent keep-alive clients, accepting gzip, with `headers` (e.g. a token). */
export function measureLoad(
  url: string,
  clients: number,
  requests: number,
  headers: Record<string, string> = {},
): Promise<LoadFigures> {
  return new Promise((ok, fail) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { url, clients, requests, headers: { ...headers, 'accept-encoding': 'gzip' } },
    });
    worker.once('message', ({ latencies, failures }) => {
      latencies.sort((a: number, b: number) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
      ok({ p50: at(0.5), p95: at(0.95), max: latencies.at(-1), failures });
      worker.terminate();
    });
    worker.once('error', fail);
  });
}

/** One line of figures. */
export function describeLoad(label: string, clients: number, requests: number, f: LoadFigures): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return `GET ${label}, ${clients} clients, ${requests} requests: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}, failures ${f.failures}`;
}

/** Measures `url` under load, prints its line of figures and returns them. */
export async function reportLoad(label: string, url: string, clients: number, requests: number): Promise<LoadFigures> {
  const figures = await measureLoad(url, clients, requests);
  console.log(describeLoad(label, clients, requests, figures));
  return figures;
}
