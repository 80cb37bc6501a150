import { expect, test, type Page } from '@playwright/test';

/** Signs in with the sign-in page's `button` (the guest's Enter, or a demo user's). */
async function signIn(page: Page, button: string) {
  await page.goto('/');
  await page.getByRole('button', { name: button }).click();
  // Signed in once the sidebar's links show; navigating sooner lands on the sign-in page again.
  await expect(page.getByRole('link', { name: 'Service health' })).toBeVisible();
}

/**
 * Fills the pages every golden path starts with: the name, the owner and
 * cost tags a page the templates share (templates/shared/pages) fills by
 * default, and where it runs: a platform environment from the catalog,
 * which brings its account, Region and profile.
 */
async function fillNameOwnerAndEnvironment(page: Page, name: string, environment: RegExp) {
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Owner and cost tags').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Platform environment').click();
  await page.getByRole('option', { name: environment }).click();
  await page.getByRole('button', { name: 'Next' }).click();
}

test('a developer fills the Fargate service form and the run publishes and registers it', async ({
  page,
}) => {
  const name = `e2e-svc-${Date.now().toString(36)}`;
  await signIn(page, 'Enter');
  await page.goto('/create');
  await expect(page.getByText('ECS Fargate service behind an ALB').first()).toBeVisible();
  await expect(page.getByText('Service with database and cache').first()).toBeVisible();
  await page.goto('/create/templates/default/fargate-service');

  // sandbox-development: 111111111111, us-east-1.
  await fillNameOwnerAndEnvironment(page, name, /sandbox-development/);
  // Container and sizing: memory follows the CPU choice.
  await expect(page.getByText('Valid for 512 CPU.')).toBeVisible();
  await expect(page.getByLabel('Task family')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  // Publish: local git repository by default.
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText('Estimated monthly cost')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/About \$[\d.]+ a month \(us-east-1 list prices of/).first()).toBeVisible();
  // The shared network and load balancer are the environment's, not this service's.
  await expect(page.getByText(/The platform environment sandbox-development \(network, NAT gateways, load balancer\) is estimated with it/).first()).toBeVisible();
  await page.getByRole('link', { name: 'Open in the catalog' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/component/${name}`));
  await expect(page.getByText('aws.portal/tag-selector').or(page.getByRole('heading', { name }))).toBeVisible();
});

const REFUSAL =
  'crm-production is a production environment: only group:default/platform-team may stamp stacks into production environments (awsPortal.permissions.productionStacks), and user:default/linh.tran is not among them.';

test('a team member may not stamp a stack into production: the run stops with a sentence and registers nothing', async ({
  page,
}) => {
  const name = `e2e-prod-${Date.now().toString(36)}`;
  // Linh Tran is in team-crm; awsPortal.permissions.productionStacks names the platform team only.
  await signIn(page, 'Sign in as Linh Tran');
  await page.goto('/create/templates/default/redis-cache');

  await fillNameOwnerAndEnvironment(page, name, /crm-production/);
  // The cache's sizing, then publishing, as they come.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText(REFUSAL).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Open in the catalog' })).toHaveCount(0);
});

test("the Kafka form refuses, at the field, what production and the chosen environment's zones would refuse", async ({ page }) => {
  await signIn(page, 'Enter');
  await page.goto('/create/templates/default/msk-cluster');
  // apexai-production: production over two zones (its aws.portal/zones annotation).
  await fillNameOwnerAndEnvironment(page, `e2e-kafka-${Date.now().toString(36)}`, /apexai-production/);
  const brokers = page.getByLabel('Brokers');
  await brokers.fill('3');
  await page.getByRole('button', { name: 'Next' }).click();
  // Each at its field, before anything runs: the brokers over the zones, the form's default instance type in production.
  await expect(page.locator('#root_brokers__error')).toHaveText("MSK spreads brokers evenly over the environment's 2 zones; 3 brokers is not a multiple of 2 (choose 2 or 4).");
  await expect(page.locator('#root_instanceType__error')).toHaveText('kafka.t3.small is for development only; choose kafka.m5.large or larger for production.');
  // The page stays until the answers fit.
  await brokers.fill('4');
  await page.getByRole('button', { name: /kafka\.t3\.small/ }).click();
  await page.getByRole('option', { name: 'kafka.m5.large' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('button', { name: 'Review' })).toBeVisible();
  await expect(page.getByText(/is not a multiple of|for development only/)).toHaveCount(0);
});

test("the replica form picks its source database and refuses one in the chosen environment's Region, at the field", async ({ page }) => {
  await signIn(page, 'Enter');
  await page.goto('/create/templates/default/rds-cross-region-replica');
  // analytics-production runs in us-east-1, where the analytics seed's primary is.
  await fillNameOwnerAndEnvironment(page, `e2e-replica-${Date.now().toString(36)}`, /analytics-production/);
  // The picker is the catalog's entity picker, with the stack's checks added.
  await page.getByLabel('Source database').click();
  await page.getByRole('option', { name: /analytics-postgres/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#root_sourceDatabase__error')).toHaveText(
    "The source database is in us-east-1, the chosen environment's Region; a cross-Region replica goes into an environment of another Region: choose one in its DR Region, e.g. us-west-2.",
  );
  // The DR environment in us-west-2, same account: the page lets it through.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByLabel('Platform environment').click();
  await page.getByRole('option', { name: /analytics-dr/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Source database')).toHaveValue(/analytics-postgres/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('button', { name: 'Review' })).toBeVisible();
  await expect(page.getByText(/the chosen environment's Region/)).toHaveCount(0);
});
