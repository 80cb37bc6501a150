import { expect, test } from '@playwright/test';

test('a developer fills the Fargate service form and the run publishes and registers it', async ({
  page,
}) => {
  const name = `e2e-svc-${Date.now().toString(36)}`;
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the sidebar's links show; navigating sooner lands on the sign-in page again.
  await expect(page.getByRole('link', { name: 'Service health' })).toBeVisible();
  await page.goto('/create');
  await expect(page.getByText('ECS Fargate service behind an ALB').first()).toBeVisible();
  await expect(page.getByText('Service with database and cache').first()).toBeVisible();
  await page.goto('/create/templates/default/fargate-service');

  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  // Owner and cost tags: a page the templates share (templates/shared/pages).
  await expect(page.getByText('Owner and cost tags').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  // Where it runs: a platform environment from the catalog, which brings its
  // account, Region and profile (sandbox-development: 111111111111, us-east-1).
  await page.getByLabel('Platform environment').click();
  await page.getByRole('option', { name: /sandbox-development/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
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
