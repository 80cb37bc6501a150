/*
 * The production path, as README "Running in production" writes it: its
 * three shell blocks are read from the README and run verbatim (build, the
 * image's steps without Docker into an empty directory, start with
 * NODE_ENV=production) on the local PostgreSQL and Redis, with an OpenID
 * Connect test issuer as the identity provider. Then, against that backend:
 * the frontend is served, the catalog lives in PostgreSQL, a token from the
 * issuer signs a catalog user in, and the guest, the demo header, a forged
 * ALB header and callers without a token are refused. Also: every file the
 * Dockerfile copies exists after the build, and the quick start's
 * configuration refuses to start in production.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { databasesWithPrefix, dropDatabasesWithPrefix, postgresEnv } from './__testUtils__/postgres';
import { readmeBlock } from './__testUtils__/readme';
import { freePort, repoRoot, waitFor } from './__testUtils__/startBackend';
import { type OidcTestIssuer, signInThroughOidc, startOidcTestIssuer } from './__testUtils__/oidcIssuer';

jest.setTimeout(15 * 60_000);

const redisUrl = process.env.PORTAL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `portal_prod_${randomBytes(4).toString('hex')}_`;

/** The environment a person's shell would have: no jest, no NODE_ENV. */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (key === 'NODE_ENV' || key.startsWith('JEST_') || key === 'NODE_OPTIONS') delete env[key];
  }
  return env;
}

/** Runs a README block with bash -e in `cwd`; resolves with its output, rejects on failure. */
function runBlock(block: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', block], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('exit', code =>
      code === 0 ? ok(output) : fail(new Error(`block exited ${code}:\n${block}\n${output.slice(-6000)}`)),
    );
  });
}

function startBlock(block: string, env: NodeJS.ProcessEnv) {
  let output = '';
  const child: ChildProcess = spawn('bash', ['-euo', 'pipefail', '-c', block], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const exited = new Promise<number | null>(r => child.once('exit', code => r(code)));
  return {
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}

describe('the production path (README "Running in production", verbatim)', () => {
  const appDir = mkdtempSync(join(tmpdir(), 'developer-portal-'));
  let issuer: OidcTestIssuer;
  let backend: ReturnType<typeof startBlock> | undefined;
  let baseUrl = '';
  const timings: Record<string, number> = {};

  const env = () =>
    shellEnv({
      APP_DIR: appDir,
      APP_BASE_URL: baseUrl,
      BACKEND_BASE_URL: baseUrl,
      BACKEND_PORT: new URL(baseUrl).port,
      ...postgresEnv(),
      REDIS_URL: redisUrl,
      AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
      AUTH_OIDC_METADATA_URL: issuer.metadataUrl,
      AUTH_OIDC_CLIENT_ID: issuer.clientId,
      AUTH_OIDC_CLIENT_SECRET: issuer.clientSecret,
      // A database of its own for this run (the variable is Backstage's
      // APP_CONFIG_ override, not part of the README's steps).
      APP_CONFIG_backend_database_prefix: prefix,
    });

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    baseUrl = `http://localhost:${await freePort()}`;
    for (const step of ['build', 'install']) {
      const started = Date.now();
      await runBlock(readmeBlock(step), repoRoot, env());
      timings[step] = Date.now() - started;
    }
    const started = Date.now();
    backend = startBlock(readmeBlock('start'), env());
    await Promise.race([
      waitFor(
        'the production backend to report ready',
        async () => ((await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok ? true : undefined),
        180_000,
      ),
      backend.exited.then(code => {
        throw new Error(`the backend exited with ${code}`);
      }),
    ]).catch(e => {
      throw new Error(`${e.message}; backend output:\n${backend!.output().slice(-6000)}`);
    });
    timings.start = Date.now() - started;
    // eslint-disable-next-line no-console
    console.log(
      `production path: build ${(timings.build / 1000).toFixed(0)} s, install ${(timings.install / 1000).toFixed(0)} s, ready ${(timings.start / 1000).toFixed(0)} s`,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await issuer?.close();
    rmSync(appDir, { recursive: true, force: true });
    await dropDatabasesWithPrefix(prefix);
  });

  it('built everything the Dockerfile copies into the image', () => {
    const dockerfile = readFileSync(resolve(repoRoot, 'packages/backend/Dockerfile'), 'utf8');
    const sources = [...dockerfile.matchAll(/^COPY\s+(?:--\S+\s+)*(.+)$/gm)].flatMap(m => {
      const parts = m[1].trim().split(/\s+/);
      return parts.slice(0, -1);
    });
    expect(sources.length).toBeGreaterThan(5);
    const missing = sources.filter(source => !existsSync(resolve(repoRoot, source)));
    expect(missing).toEqual([]);
  });

  it('serves the frontend, configured to sign in through OIDC', async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>AWS Developer Portal</title>');
    // The frontend's configuration as the backend injects it into the page.
    const injected = html.match(/<script type="backstage.io\/config">([\s\S]*?)<\/script>/);
    expect(injected).not.toBeNull();
    const configs: Array<{ data: { portal?: { signIn?: { provider?: string } }; auth?: unknown } }> = JSON.parse(
      injected![1],
    );
    expect(configs.map(c => c.data.portal?.signIn?.provider).filter(Boolean)).toEqual(['oidc']);
    // Secrets stay on the backend.
    expect(injected![1]).not.toContain('clientSecret');
  });

  it('keeps the catalog in PostgreSQL and signs a catalog user in with a token from the OIDC issuer', async () => {
    const databases = await databasesWithPrefix(prefix);
    expect(databases).toEqual(expect.arrayContaining([`${prefix}catalog`, `${prefix}auth`, `${prefix}aws`]));

    issuer.signInAs('linh.tran@crm-consulting.com', 'Linh Tran');
    // The catalog ingests the org in the background.
    const { token, identity } = await waitFor(
      'the OIDC sign-in to find Linh Tran in the catalog',
      () => signInThroughOidc(baseUrl, baseUrl).catch(() => undefined),
      120_000,
    );
    expect(identity.userEntityRef).toBe('user:default/linh.tran');
    expect(identity.ownershipEntityRefs).toEqual(expect.arrayContaining(['group:default/team-crm']));
    expect(issuer.grants.authorization_code).toBeGreaterThanOrEqual(1);
    expect(issuer.grants.refresh_token).toBeGreaterThanOrEqual(1);

    const entity = await waitFor(
      'crm-core-service in the catalog',
      async () => {
        const res = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/crm-core-service`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok ? res.json() : undefined;
      },
      120_000,
    );
    expect(entity.spec).toMatchObject({ owner: 'team-crm', system: 'crm' });
    const health = await fetch(`${baseUrl}/api/aws/ecs-health/fleet`, { headers: { Authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
    // The golden paths, whose shared form pages are read next to them in the installed directory.
    const template = await waitFor(
      'the fargate-service template in the catalog',
      async () => {
        const res = await fetch(`${baseUrl}/api/catalog/entities/by-name/template/default/fargate-service`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok ? res.json() : undefined;
      },
      120_000,
    );
    expect(JSON.stringify(template.spec.parameters)).toContain('CostCenter');
  });

  it('signs a person in through the identity provider in Chromium, on the production build', async () => {
    issuer.signInAs('linh.tran@crm-consulting.com', 'Linh Tran');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', e => problems.push(e.message));
      await page.goto(baseUrl);
      // The sign-in page offers the identity provider, not the guest or the demo users.
      await page.getByText("Sign in with your organisation's account.").waitFor({ timeout: 30_000 });
      expect(await page.getByRole('button', { name: 'Enter' }).count()).toBe(0);
      const popup = page.waitForEvent('popup');
      await page.getByRole('button', { name: /sign in/i }).click();
      await (await popup).waitForEvent('close', { timeout: 30_000 });
      // Signed in: the catalog lists what Linh Tran's team owns, and the settings name her.
      await page.getByRole('link', { name: 'crm-core-service' }).waitFor({ timeout: 30_000 });
      await page.goto(`${baseUrl}/settings`);
      await page.getByText('linh.tran@crm-consulting.com').first().waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('signs nobody in who is not in the catalog', async () => {
    issuer.signInAs('mallory@elsewhere.example', 'Mallory');
    await expect(signInThroughOidc(baseUrl, baseUrl)).rejects.toThrow(
      /handler answered 200: .*(not find|no user|failed to sign)/i,
    );
  });

  it('refuses the guest, the demo header, a forged ALB header and callers without a token', async () => {
    const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, { method: 'POST' });
    expect(guest.status).toBe(404);
    const demo = await fetch(`${baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': 'olivia.brown', 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(demo.status).toBe(404);
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      '{"email":"olivia.brown@example.com"}',
    ).toString('base64url')}.`;
    const alb = await fetch(`${baseUrl}/api/auth/awsalb/refresh`, {
      headers: { 'x-amzn-oidc-data': forged, 'x-amzn-oidc-accesstoken': 'x', 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(alb.status).toBe(404);
    for (const path of [
      '/api/catalog/entities',
      '/api/aws/ecs-health/fleet',
      '/api/aws/cost/fleet',
      '/api/aws/dr/fleet',
      '/api/aws/alarms/summary',
      '/api/scaffolder/v2/templates',
    ]) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { 'x-portal-demo-user': 'olivia.brown' } });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('refuses to start the quick start configuration in production, with a sentence', async () => {
    const port = await freePort();
    const quickStart = startBlock(
      `cd "$APP_DIR"\nNODE_ENV=production node packages/backend --config app-config.yaml`,
      { ...env(), APP_CONFIG_backend_listen: `:${port}` },
    );
    const code = await Promise.race([quickStart.exited, new Promise(r => setTimeout(() => r('running'), 120_000))]);
    await quickStart.stop();
    expect(code).toBe(1);
    expect(quickStart.output()).toContain(
      'Refusing to start: the guest and demo sign-in providers are enabled (auth.providers.guest, auth.providers.demo) while NODE_ENV is production',
    );
  });
});
