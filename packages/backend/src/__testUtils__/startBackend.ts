import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
const yarnRelease = resolve(repoRoot, '.yarn/releases/yarn-4.13.0.cjs');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface RunningBackend {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real backend process (packages/backend) with the given config
 * files and environment, and waits until every plugin has started.
 */
export async function startBackend(options: {
  configs: string[];
  env: Record<string, string>;
}): Promise<RunningBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      yarnRelease,
      'backstage-cli',
      'package',
      'start',
      ...options.configs.flatMap(c => ['--config', c]),
    ],
    {
      cwd: resolve(repoRoot, 'packages/backend'),
      env: {
        ...process.env,
        BACKEND_BASE_URL: baseUrl,
        APP_CONFIG_backend_baseUrl: baseUrl,
        APP_CONFIG_backend_listen: `127.0.0.1:${port}`,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  await waitFor(
    'the backend to report ready (all plugins started)',
    async () =>
      (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok ? true : undefined,
    180_000,
  ).catch(e => {
    throw new Error(`${e.message}; backend output:\n${output.slice(-4000)}`);
  });
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}
