import { test, expect } from '@playwright/test';

test('a guest signs in, finds crm-core-service in the catalog and opens it', async ({
  page,
}) => {
  await page.goto('/');

  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  // The sidebar carries the portal's name (app.title), not Backstage's logo.
  await expect(nav.getByRole('link', { name: 'AWS Developer Portal: home' })).toBeVisible();
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();

  await page.getByPlaceholder('Search').fill('crm-core');
  const row = page.getByRole('link', { name: 'crm-core-service' });
  await expect(row).toBeVisible();
  await row.click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/crm-core-service/);
  await expect(
    page.getByRole('heading', { name: 'crm-core-service' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Core CRM API: contacts, deals, pipelines')).toBeVisible();
  // The owner, by the group's display name, links to the group.
  await expect(page.getByRole('link', { name: 'CRM', exact: true }).first()).toHaveAttribute('href', '/catalog/default/group/team-crm');
});
