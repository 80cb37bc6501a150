import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Service health' })).toBeVisible();
}

test('the fleet page shows the demo fleet, its broken services and their reasons', async ({
  page,
}) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Service health' })
    .click();

  await expect(page.getByTestId('demo-data-notice')).toBeVisible();
  await expect(page.getByText(/Collected .* from 4 accounts × regions\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Failing: 1' })).toBeVisible();

  const table = page.getByRole('region', { name: 'ECS services' });
  // Sorted by severity: the failed rollout comes first.
  await expect(table.getByRole('row').nth(1)).toContainText('apexai-server');
  await expect(table.getByRole('row').nth(1)).toContainText(
    'ECS deployment circuit breaker: tasks failed to start',
  );
  await expect(table).toContainText('OutOfMemoryError: Container killed due to memory usage');
  await expect(table).toContainText('Scaled to zero');

  // Filter by system through the summary and the filter menu.
  await page.getByTestId('filter-system').getByRole('button').click();
  await page.getByRole('option', { name: 'analytics' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('analytics-consumer');
  await expect(table).not.toContainText('crm-core-service');
});

test('crm-core-service has a Health tab with counts, deployments, events and console links', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/crm-core-service/ecs-health');

  const card = page.getByTestId('service-crm-core-service');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('demo-data-notice')).toBeVisible();
  await expect(card).toContainText('Healthy');
  await expect(card).toContainText('crm-production · 111111111111 · us-east-1');
  await expect(card.getByRole('region', { name: 'Deployments' })).toContainText('COMPLETED');
  await expect(card).toContainText('3/3 running');
  await expect(card).toContainText('has reached a steady state');
  await expect(card.getByRole('link', { name: 'Service in the AWS console' })).toHaveAttribute(
    'href',
    /us-east-1\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/crm-production\/services\/crm-core-service/,
  );
  await expect(card.getByRole('link', { name: /Logs/ })).toBeVisible();
  await expect(card).toContainText('3 of 3 targets healthy (CloudWatch)');

  await card.getByRole('button', { name: 'Refresh' }).click();
  await expect(card.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await card.getByRole('button', { name: 'Refresh' }).click();
  await expect(card).toContainText('This ECS service was refreshed moments ago; try again in');
});

test('a broken service shows why on its Health tab', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/crm-social-service/ecs-health');
  const card = page.getByTestId('service-crm-social-service');
  await expect(card).toContainText('Degraded');
  await expect(card).toContainText('OutOfMemoryError: Container killed due to memory usage');
  await expect(card).toContainText('exit code 137');
});

test('a component without AWS annotations gets the missing-annotation message', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/aws-developer-portal/ecs-health');
  await expect(page.getByText('Missing Annotation')).toBeVisible();
  await expect(page.getByText('aws.portal/tag-selector').first()).toBeVisible();
});
