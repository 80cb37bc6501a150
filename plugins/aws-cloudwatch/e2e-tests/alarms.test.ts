import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Alarms' })).toBeVisible();
}

/** The demo account's firing alarms: the services that break on purpose, and Kafka. */
const FIRING = [
  'analytics-kafka-disk-high',
  'analytics-kafka-under-replicated',
  'crm-social-service-memory-high',
  'analytics-consumer-memory-high',
  'apexai-server-target-5xx',
  'whatif-video-service-unhealthy-targets',
];

test('the fleet Alarms page lists every firing alarm first, with counts and filters', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name: 'Alarms' }).click();

  await expect(page.getByTestId('demo-data-notice')).toBeVisible();
  await expect(page.getByText(/Collected .* from 4 accounts × regions\./)).toBeVisible();
  const firingCard = page.getByRole('button', { name: /^In alarm: \d+$/ });
  await expect(firingCard).toBeVisible();
  const firingCount = Number((await firingCard.getAttribute('aria-label'))!.split(': ')[1]);
  expect(firingCount).toBeGreaterThanOrEqual(FIRING.length);

  const table = page.getByRole('region', { name: 'CloudWatch alarms' });
  // Every firing alarm comes before the first one that is not.
  const rows = table.getByRole('row');
  for (let i = 1; i <= firingCount; i++) {
    await expect(rows.nth(i)).toContainText('In alarm');
  }
  await expect(rows.nth(firingCount + 1)).not.toContainText('In alarm');
  for (const name of FIRING) await expect(table).toContainText(name);
  await expect(table).toContainText('Insufficient data'); // the scaled-to-zero service
  await expect(table.getByRole('link', { name: 'crm-social-service-memory-high' })).toHaveAttribute(
    'href',
    /us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#alarmsV2:alarm\/crm-social-service-memory-high/,
  );

  // Only the firing ones, then only the critical among them. The card's button is visually hidden:
  // one clicks the card.
  await page.getByTestId('state-card').filter({ has: firingCard }).click();
  await expect(rows).toHaveCount(firingCount + 1);
  await page.getByTestId('filter-severity').getByRole('button').click();
  await page.getByRole('option', { name: 'critical' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(table).toContainText('crm-social-service-memory-high');
  await expect(table).not.toContainText('apexai-server-target-5xx');
  await page.getByTestId('filter-system').getByRole('button').click();
  await page.getByRole('option', { name: 'analytics' }).click();
  await expect(table).toContainText('analytics-consumer-memory-high');
  await expect(table).not.toContainText('crm-social-service-memory-high');
});

test('crm-social-service shows its firing alarm with reason, chart and history on the Alarms tab', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/crm-social-service/aws-alarms');

  const card = page.getByTestId('alarm-crm-social-service-memory-high');
  await expect(card).toBeVisible();
  await expect(page.getByText(/^\d+ of \d+ alarms in alarm\.$/)).toBeVisible();
  await expect(card).toContainText('In alarm since');
  await expect(card).toContainText('Threshold Crossed: 3 out of the last 3 datapoints');
  await expect(card).toContainText('MemoryUtilization Average > 85 for 3 of 3 × 1 min');
  await expect(card).toContainText('ECS service crm-production/crm-social-service');
  await expect(card.getByRole('img', { name: /MemoryUtilization: \d+ points/ })).toBeVisible();
  const history = card.getByRole('list', { name: 'History of crm-social-service-memory-high' });
  await expect(history.getByRole('listitem')).toHaveCount(5);
  await expect(history.getByRole('listitem').first()).toContainText('Alarm updated from OK to ALARM');
  await expect(card.getByRole('link', { name: 'Open in CloudWatch' })).toHaveAttribute('href', /alarmsV2:alarm\/crm-social-service-memory-high/);

  // The Health tab counts it.
  await page.goto('/catalog/default/component/crm-social-service/ecs-health');
  await expect(page.getByTestId('entity-alarm-count')).toContainText('1 in alarm');
});

test('the fleet health page shows each service’s firing alarms', async ({ page }) => {
  await signIn(page);
  await page.goto('/ecs-health');
  const table = page.getByRole('region', { name: 'ECS services' });
  await expect(table.getByRole('row').filter({ hasText: 'crm-social-service' })).toContainText('1 in alarm');
  await expect(table.getByRole('row').filter({ hasText: 'crm-auth-service' })).toContainText('OK');
});

test('a database resource and a service have Metrics tabs with charts of their key metrics', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/crm-core-service/aws-metrics');
  const ecs = page.getByTestId('metrics-ECS service crm-production/crm-core-service');
  await expect(ecs).toBeVisible();
  await expect(ecs.getByRole('img', { name: /CPU utilization: 36 points/ })).toBeVisible();
  await expect(ecs.getByRole('img', { name: /Memory utilization: 36 points/ })).toBeVisible();
  await expect(page.getByText(/Response time p95: \d+ ms/)).toBeVisible();

  await page.goto('/catalog/default/resource/analytics-kafka/aws-metrics');
  const kafka = page.getByTestId('metrics-MSK cluster analytics-kafka');
  await expect(kafka).toContainText('Disk used (fullest broker): 86.5 %');
  await expect(kafka.getByText(/^Under-replicated partitions: 3$/)).toBeVisible();
  await expect(kafka.getByRole('img', { name: /Under-replicated partitions: 36 points/ })).toBeVisible();
});
