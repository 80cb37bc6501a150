import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Disaster recovery' })).toBeVisible();
}

test('the fleet DR page lists the seed systems by verdict, breaches first, with the reasons', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Disaster recovery' }).click();
  const table = page.getByRole('region', { name: 'Disaster recovery by system' });
  const rows = table.getByRole('row');
  // The first collection runs a few seconds after the backend starts.
  await expect(async () => {
    await page.reload();
    await expect(table.getByTestId('dr-system-analytics')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  // The header, then analytics (breached), What If and ApexAI (at risk), the two CRMs (meet).
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'dr-system-analytics');
  const analytics = table.getByTestId('dr-system-analytics');
  await expect(analytics.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'breached');
  await expect(analytics).toContainText('RPO 5m · RTO 30m · DR us-west-2');
  await expect(analytics).toContainText('analytics-primary: Region loss, RPO: no copy of the data reaches us-west-2');
  await expect(table.getByTestId('dr-system-crm').locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'meets');
  await expect(table.getByTestId('dr-system-crm')).toContainText('RPO 4h · RTO 2h · DR us-west-2');
  await expect(table.getByTestId('dr-system-crm-monolith').locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'meets');
  const apex = table.getByTestId('dr-system-apexai-crm');
  await expect(apex.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'at-risk');
  await expect(apex).toContainText('apexai-production-mysql: Zone loss, RTO: without Multi-AZ');
  await expect(page.getByTestId('count-breached')).toHaveText('1 breached');
});

test('the DR tab of a resource shows each check with its sentence and what was read', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/resource/analytics-kafka/aws-dr');
  await expect(page.getByTestId('dr-entity-verdict')).toContainText('Breached: 1 resource assessed against RPO 5m · RTO 30m · DR us-west-2.');
  const kafka = page.getByTestId('dr-store-analytics-kafka');
  const checks = kafka.getByRole('region', { name: 'Recovery checks of analytics-kafka' });
  await expect(checks.getByRole('row').filter({ hasText: 'Availability Zone' }).first()).toContainText(
    'brokers in 3 Availability Zones hold replicas',
  );
  await expect(checks.getByRole('row').filter({ hasText: 'Region' }).first()).toContainText('no copy of the data reaches us-west-2');
  await expect(kafka.getByRole('region', { name: 'Recovery facts of analytics-kafka' })).toContainText('Copies in other Regionsnone');

  await page.goto('/catalog/default/system/crm/aws-dr');
  await expect(page.getByTestId('dr-entity-verdict')).toContainText('Meets');
  await expect(page.getByTestId('dr-store-crm-production-primary')).toContainText('us-west-2: automated backup replication');

  // An ECS service: its subnets' zones, its tasks, and the standby its DR Region keeps.
  await page.goto('/catalog/default/component/crm-core-service/aws-dr');
  await expect(page.getByTestId('dr-entity-verdict')).toContainText('Meets: 2 resources assessed against RPO 4h · RTO 2h · DR us-west-2.');
  const facts = page.getByRole('region', { name: 'Recovery facts of crm-core-service' }).first();
  await expect(facts).toContainText('Availability Zones of its subnets3');
  await expect(facts).toContainText('Tasks3 running of 3 desired');
  await expect(facts).toContainText('Standby in other Regionsus-west-2: standby service crm-production/crm-core-service');
});

test('the entity header shows the DR verdict, linked to the tab with the reasons, and keeps the catalog menu', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/system/analytics');
  const status = page.getByTestId('dr-header-status');
  await expect(async () => {
    await page.reload();
    await expect(status).toHaveAttribute('data-verdict', 'breached', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('main').getByText('Disaster recovery', { exact: true })).toBeVisible();
  await status.getByRole('link', { name: 'Breached' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/system\/analytics\/aws-dr$/);
  await expect(page.getByTestId('dr-entity-verdict')).toContainText('Breached');

  await page.goto('/catalog/default/system/crm');
  await expect(page.getByTestId('dr-header-status')).toHaveAttribute('data-verdict', 'meets');
  await expect(page.getByTestId('dr-header-status')).toHaveText('Meets');

  // The catalog's own menu items moved with the header.
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Inspect entity' }).click();
  await expect(page.getByRole('dialog', { name: 'Entity Inspector' })).toContainText('crm');

  // A group states no recovery targets: no DR status in its header.
  await page.goto('/catalog/default/group/team-crm');
  await expect(page.getByRole('heading', { name: 'CRM members (2 of 2)' })).toBeVisible();
  await expect(page.getByTestId('dr-header-status')).toHaveCount(0);
});
