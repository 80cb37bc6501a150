import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests: Playwright drives the Chromium that
 * scripts/test.sh finds or installs (CHROMIUM_PATH); Playwright's own browser
 * downloads are never used. The portal is started fresh for the run, on
 * PostgreSQL or in-memory SQLite (below), unless one already answers (local
 * use only).
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * With PORTAL_E2E_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432;
 * scripts/test.sh sets it to the local server) the backend runs on
 * PostgreSQL, in databases of this run's own (`portal_e2e_<time>_<plugin>`,
 * dropped by e2e-global-teardown.ts); without it on in-memory SQLite. On
 * PostgreSQL the catalog can ingest the demo organisation after the first
 * collections ran: e2e-global-setup.ts waits until the alarms answer names
 * every demo system.
 */
const postgres = process.env.PORTAL_E2E_POSTGRES_URL;
const prefix = `portal_e2e_${Date.now().toString(36)}_`;
process.env.PORTAL_E2E_DATABASE_PREFIX ??= prefix;
const database: Record<string, string> = postgres
  ? {
      APP_CONFIG_backend_database_client: 'pg',
      APP_CONFIG_backend_database_connection: postgres,
      APP_CONFIG_backend_database_prefix: process.env.PORTAL_E2E_DATABASE_PREFIX,
    }
  : { APP_CONFIG_backend_database_connection: ':memory:' };

export default defineConfig({
  testDir: '.',
  globalSetup: './e2e-global-setup.ts',
  globalTeardown: './e2e-global-teardown.ts',
  testMatch: ['packages/*/e2e-tests/**/*.test.ts', 'plugins/*/e2e-tests/**/*.test.ts'],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-results/e2e-report' }],
  ],
  outputDir: 'test-results/e2e-artifacts',
  webServer: [
    {
      command: 'node .yarn/releases/yarn-4.13.0.cjs start',
      url: 'http://localhost:3000',
      // CI must test what it started; locally a running portal is reused.
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      env: {
        // A fresh database per run: nothing left over from another.
        ...database,
        BROWSER: 'none',
      },
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
