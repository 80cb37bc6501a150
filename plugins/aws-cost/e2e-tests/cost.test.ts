import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, expect, test, type Page } from '@playwright/test';

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
    "You may not read that of system:default/analytics: a cost center's cost is readable by the groups that hold it (awsPortal.cost.costCenters) and by finance; owning an entity that claims it grants nothing.",
  );
  await expect(page.getByTestId('cost-center-data-platform')).toHaveCount(0);
});

const BACKEND = 'http://localhost:7007';

/** Forgets the signed-in user: the session cookie and the sign-in page's remembered provider. */
async function signOut(page: Page) {
  await page.context().clearCookies();
  await page.evaluate(() => window.localStorage.clear());
}

/** A demo user's Backstage token, as the sign-in page gets it. */
async function tokenOf(request: APIRequestContext, user: string): Promise<string> {
  const res = await request.get(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-portal-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

/** The guest's Backstage token (user:default/guest, a member of the platform team). */
async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.post(`${BACKEND}/api/auth/guest/refresh`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

test('a team member may not register a claim on another team’s cost center, and sees none of it once one is in the catalog, while its holders and finance see it as unverified', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // A component of team-analytics that claims team-crm's cost center.
  const dir = await mkdtemp(join(tmpdir(), 'cost-claim-'));
  const file = join(dir, 'catalog-info.yaml');
  await writeFile(
    file,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: analytics-cost-claim',
      '  annotations:',
      '    aws.portal/cost-center: finance-consulting',
      'spec:',
      '  type: service',
      '  lifecycle: experimental',
      '  owner: team-analytics',
      '',
    ].join('\n'),
  );
  const location = { type: 'file', target: file };
  // Emma (team-analytics) may not register catalog locations
  // (awsPortal.permissions.catalogLocations names the platform team only).
  const emma = await tokenOf(request, 'emma.schmidt');
  const refused = await request.post(`${BACKEND}/api/catalog/locations`, {
    headers: { Authorization: `Bearer ${emma}` },
    data: location,
  });
  expect(refused.status()).toBe(403);
  // The claim reaches the catalog anyway, the way a repository the platform
  // team registers would bring it: the guest is a member of the platform team.
  const guest = await guestToken(request);
  const registered = await request.post(`${BACKEND}/api/catalog/locations`, {
    headers: { Authorization: `Bearer ${guest}` },
    data: location,
  });
  expect(registered.status()).toBe(201);
  const locationId = (await registered.json()).location.id;
  const claim = 'component:default/analytics-cost-claim';
  try {
    // The cost source sees the claim once the catalog has it (its view of the catalog is at most a minute old).
    const olivia = await tokenOf(request, 'olivia.brown');
    await expect
      .poll(
        async () => {
          const res = await request.get(`${BACKEND}/api/aws/cost/fleet`, { headers: { Authorization: `Bearer ${olivia}` } });
          const row = (await res.json()).items?.find((r: { costCenter: string }) => r.costCenter === 'finance-consulting');
          return row?.unverifiedEntityRefs ?? [];
        },
        { timeout: 150_000, intervals: [2000] },
      )
      .toContain(claim);

    // Emma: her team's cost center only, and the claim's tab says why it shows nothing.
    await signInAs(page, 'Emma Schmidt');
    await page.getByRole('link', { name: 'Cost' }).click();
    const table = page.getByRole('region', { name: 'Cost centers' });
    await expect(table.getByRole('row').filter({ hasText: 'data-platform' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').filter({ hasText: 'finance-consulting' })).toHaveCount(0);
    await page.goto('/catalog/default/component/analytics-cost-claim/aws-cost');
    await expect(page.getByTestId('cost-refused')).toHaveText(
      "You may not read that of component:default/analytics-cost-claim: component:default/analytics-cost-claim claims cost center finance-consulting, which its owner does not hold in awsPortal.cost.costCenters: the claim is unverified, and a cost center's cost is readable only by the groups that hold it and by finance.",
    );
    await expect(page.getByTestId('cost-center-finance-consulting')).toHaveCount(0);
    await expect(page.getByTestId('figure-Month to date')).toHaveCount(0);

    // Linh (team-crm, which holds it): the row names the claim, marked unverified.
    await signOut(page);
    await signInAs(page, 'Linh Tran');
    await page.getByRole('link', { name: 'Cost' }).click();
    const crm = page.getByRole('region', { name: 'Cost centers' }).getByRole('row').filter({ hasText: 'finance-consulting' });
    await expect(crm).toContainText('analytics-cost-claim (unverified)');

    // Olivia (finance): the claim's tab shows the figures with the warning.
    await signOut(page);
    await signInAs(page, 'Olivia Brown');
    await page.goto('/catalog/default/component/analytics-cost-claim/aws-cost');
    await expect(page.getByTestId('unverified-claim')).toContainText(
      'Unverified: this entity claims cost center finance-consulting, which its owner does not hold',
    );
    await expect(page.getByTestId('cost-center-finance-consulting')).toBeVisible();
  } finally {
    await request.delete(`${BACKEND}/api/catalog/locations/${locationId}`, { headers: { Authorization: `Bearer ${guest}` } });
  }
});
