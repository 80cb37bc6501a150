import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** A running moto_server, the AWS API emulator the integration tests use. */
export interface MotoServer {
  endpoint: string;
  /** Forgets every resource, between tests. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

function findMotoServer(): string {
  // scripts/test.sh installs it into the repository's .venv.
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
    const fromVenv = resolve(dir, '.venv/bin/moto_server');
    if (existsSync(fromVenv)) return fromVenv;
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = resolve(dir, 'moto_server');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'moto_server is not installed; scripts/test.sh installs it into .venv (pip install "moto[server]").',
  );
}

/**
 * Corrections where moto departs from AWS's documented behaviour, which a
 * test asks for by name and says why (each is described in moto_fixes.py).
 */
export type MotoFix = 'kms-key-tags' | 'rds-parameter-group-ref' | 'rds-cross-region-replica' | 'rds-master-user-secret';

/** Starts moto_server on a free port and waits until it answers. */
export async function startMotoServer(options: { fixes?: MotoFix[] } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const server = findMotoServer();
  const args = ['-H', '127.0.0.1', '-p', String(port)];
  // With fixes: the venv's python, which applies them before moto's server starts.
  const [command, commandArgs] = options.fixes?.length
    ? [resolve(dirname(server), 'python'), [resolvePackagePath('@internal/plugin-aws-node', 'src/testUtils/moto_fixes.py'), options.fixes.join(','), ...args]]
    : [server, args];
  const child: ChildProcess = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', d => (stderr += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not start:\n${stderr.slice(-2000)}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    endpoint,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      // The client factory points STS here for assume-role; forget it.
      if (process.env.AWS_ENDPOINT_URL_STS === endpoint) {
        delete process.env.AWS_ENDPOINT_URL_STS;
      }
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * Starts moto_server before a test file's tests and stops it after them.
 * Returns a getter for the running server.
 */
export function useMotoServer(options: { fixes?: MotoFix[] } = {}): () => MotoServer {
  let server: MotoServer | undefined;
  beforeAll(async () => {
    server = await startMotoServer(options);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('moto_server is not running');
    return server;
  };
}

/** Credentials moto accepts; the default account is 123456789012. */
export const MOTO_CREDENTIALS = {
  accessKeyId: 'AKIAMOTOTESTING00001',
  secretAccessKey: 'moto-testing-secret',
};

/** moto's default account. */
export const MOTO_MAIN_ACCOUNT = '123456789012';

/**
 * Portal configuration for moto_server: the main account with static keys,
 * the given accounts reached by assume-role (role PortalReadOnly), every
 * client sent to the emulator. Pass it to a ConfigReader.
 */
export function motoPortalConfig(options: {
  endpoint: string;
  regions: string[];
  /** Watch moto's own main account too (static keys). Default true. */
  includeMainAccount?: boolean;
  assumeRoleInto?: string[];
}) {
  const { endpoint, regions, includeMainAccount = true, assumeRoleInto = [] } = options;
  return {
    aws: {
      mainAccount: MOTO_CREDENTIALS,
      accounts: [
        ...(includeMainAccount
          ? [{ accountId: MOTO_MAIN_ACCOUNT, ...MOTO_CREDENTIALS }]
          : []),
        ...assumeRoleInto.map(accountId => ({
          accountId,
          roleName: 'PortalReadOnly',
        })),
      ],
    },
    awsPortal: { regions, endpoint },
  };
}
