import { expect, test, type Page } from '@playwright/test';

/** Signs in as one of the demo users (auth.providers.demo.users). */
async function signInAs(page: Page, name: string) {
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByRole('link', { name: 'Cost' })).toBeVisible();
}

const SEED_COST_CENTERS = ['finance-consulting', 'data-platform', 'whatif-product', 'crm-modular', 'apexai-product'];

test('finance sees every cost center with trend, forecast, untagged share and the anomaly, and can export CSV', async ({ page }) => {
  await signInAs(page, 'Olivia Brown');
  await page.getByRole('link', { name: 'Cost' }).click();
  const table = page.getByRole('region', { name: 'Cost centers' });
  for (const center of [...SEED_COST_CENTERS, 'Untagged']) {
    await expect(table.getByRole('row').filter({ hasText: center })).toBeVisible();
  }
  await expect(page.getByTestId('figure-Month to date')).toHaveText(/^\$\d{1,3}(,\d{3})*$/);
  await expect(page.getByTestId('figure-Forecast month end')).toHaveText(/^\$\d{1,3}(,\d{3})*$/);
  await expect(page.getByTestId('figure-Untagged')).toHaveText(/^\d+\.\d %$/);
  await expect(page.getByRole('img', { name: 'Monthly spend by cost center: 13 months' })).toBeVisible();
  await expect(page.getByTestId('inactive-tags')).toContainText('ManagedBy is not an active cost allocation tag');

  // The analytics platform's Kafka anomaly.
  const anomalies = page.getByRole('region', { name: 'Cost anomalies' });
  await expect(anomalies.getByRole('row').filter({ hasText: 'Amazon Managed Streaming for Apache Kafka' })).toContainText(
    'data-platform',
  );

  // A cost center's daily spend and top services.
  await table.getByRole('row').filter({ hasText: 'data-platform' }).click();
  const detail = page.getByTestId('cost-center-data-platform');
  await expect(detail.getByRole('img', { name: 'Daily spend of data-platform: 90 days' })).toBeVisible();
  await expect(detail.getByRole('region', { name: 'Top services of data-platform' })).toContainText(
    'Amazon Relational Database Service',
  );

  // The untagged spend: which collected resources lack the tag, and whose they are.
  await table.getByRole('row').filter({ hasText: 'Untagged' }).click();
  const untagged = page.getByRole('region', { name: 'Resources without a CostCenter tag' });
  const whatifRedis = untagged.getByTestId('untagged-resource:default/whatif-redis');
  await expect(whatifRedis).toContainText('1 CloudWatch alarm, 1 ElastiCache replication group');
  await expect(whatifRedis.getByRole('link', { name: 'What If' })).toHaveAttribute('href', '/catalog/default/group/team-whatif');
  await whatifRedis.getByText('2 ARNs').click();
  await expect(whatifRedis).toContainText('arn:aws:elasticache:us-west-2:222222222222:replicationgroup:whatif-redis');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('cost-by-cost-center.csv');
  const text = await (await import('node:fs/promises')).readFile((await csv.path())!, 'utf8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toMatch(/^cost_center,currency,month_to_date,last_month,forecast_month_end,forecast_basis,anomalies,entities,(\d{4}-\d{2},){12}\d{4}-\d{2}$/);
  expect(lines.slice(1).map(l => l.split(',')[0]).sort()).toEqual([...SEED_COST_CENTERS, 'Untagged'].sort());
});

test('a team member sees only their cost center, on the Cost page and on their system, and is refused another team’s', async ({ page }) => {
  await signInAs(page, 'Linh Tran');
  await page.getByRole('link', { name: 'Cost' }).click();
  const table = page.getByRole('region', { name: 'Cost centers' });
  await expect(table.getByRole('row').filter({ hasText: 'finance-consulting' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2); // the header and finance-consulting
  await expect(page.getByTestId('figure-Untagged')).toHaveCount(0);

  await page.goto('/catalog/default/group/team-crm/aws-cost');
  const own = page.getByTestId('cost-center-finance-consulting');
  await expect(own.getByRole('region', { name: 'Services of finance-consulting' })).toContainText(
    'Amazon Relational Database Service',
  );
  await expect(own.getByRole('img', { name: 'Monthly spend of finance-consulting: 13 months' })).toBeVisible();

  await page.goto('/catalog/default/system/analytics/aws-cost');
  await expect(page.getByTestId('cost-refused')).toHaveText(
    "You may not read that of system:default/analytics: cost data is readable by the owners of the entities it belongs to and by the groups the portal's permission policy names.",
  );
  await expect(page.getByTestId('cost-center-data-platform')).toHaveCount(0);
});
