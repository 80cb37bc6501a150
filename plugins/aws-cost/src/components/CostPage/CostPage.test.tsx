import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type AwsCostApi, awsCostApiRef } from '../../api/AwsCostApi';
import { costPage } from '../../plugin';

function center(costCenter: string, o: Partial<CostCenterRow> = {}): CostCenterRow {
  return {
    costCenter,
    untagged: costCenter === '',
    currency: 'USD',
    monthToDate: 100,
    lastMonth: 900,
    runRateMonthEnd: 1000,
    forecastMonthEnd: 1000,
    forecastBasis: 'cost-explorer',
    monthly: { start: '2025-12', amounts: Array.from({ length: 13 }, () => 900) },
    daily: { start: '2026-09-04', amounts: Array.from({ length: 90 }, () => 30) },
    topServices: [{ service: 'Amazon Relational Database Service', amount: 60 }],
    topServicesMonth: 'this',
    anomalies: [],
    inactiveTags: [],
    entityRefs: costCenter ? [`system:default/${costCenter}`] : [],
    unverifiedEntityRefs: [],
    staleQueries: [],
    dataAsOf: new Date().toISOString(),
    ...o,
  };
}

const fake = (items: CostCenterRow[]): AwsCostApi => ({
  getCostCenters: async () => ({ source: 'cost', demo: false, generatedAt: new Date().toISOString(), accountRegions: [], items }),
  getEntityCost: jest.fn(),
});

/** The plugin's page extension, as the app mounts it, with a fake API. */
async function renderCost(items: CostCenterRow[]) {
  const tester = createExtensionTester(costPage);
  expect(tester.get(coreExtensionData.routePath)).toBe('/aws-cost');
  renderInTestApp(tester.reactElement(), {
    apis: [[awsCostApiRef, fake(items)]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return screen.findByRole('region', { name: 'Cost centers' }, { timeout: 30_000 });
}

// jsdom has no ResizeObserver, which the charts' responsive containers need; they draw nothing here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Rendering in jsdom on a busy machine is slow: the test waits for the page, not the clock.
jest.setTimeout(60_000);

describe('CostPage', () => {
  it('lists each cost center and the untagged spend, and shows the one chosen with its untagged resources', async () => {
    const table = await renderCost([
      center('data-platform', {
        monthToDate: 300,
        anomalies: [{ id: 'a1', start: '2026-11-27', end: '2026-11-29', service: 'Amazon MSK', accountId: '333333333333', impact: 412.5 }],
      }),
      center('crm-modular'),
      center('', {
        monthToDate: 25,
        untaggedResources: [
          {
            entityRef: 'resource:default/whatif-redis',
            owner: 'team-whatif',
            count: 2,
            kinds: { 'ElastiCache replication group': 1, 'CloudWatch alarm': 1 },
            arns: ['arn:aws:elasticache:us-west-2:222222222222:replicationgroup:whatif-redis', 'arn:aws:cloudwatch:us-west-2:222222222222:alarm:whatif-redis-cpu'],
          },
        ],
      }),
    ]);
    // The table builds its rows after its first render.
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const rows = within(table).getAllByRole('row');
    expect(rows.map(r => within(r).queryAllByRole('rowheader')[0]?.textContent)).toEqual([
      undefined,
      'data-platform',
      'crm-modular',
      'Untagged',
    ]);
    expect(rows[1]).toHaveTextContent('$300');
    expect(rows[1]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('figure-Month to date')).toHaveTextContent('$425');
    expect(screen.getByTestId('figure-Untagged')).toHaveTextContent('5.9 %');
    expect(within(screen.getByRole('region', { name: 'Cost anomalies' })).getByText('$412.50')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Top services of data-platform' })).getByText('$60.00')).toBeInTheDocument();

    // The untagged row, chosen: which collected resources lack the tag.
    fireEvent.click(within(rows[3]).getByText('Untagged'));
    const untagged = await screen.findByRole('region', { name: 'Resources without a CostCenter tag' });
    const redis = within(untagged).getByTestId('untagged-resource:default/whatif-redis');
    expect(redis).toHaveTextContent('2 ARNs');
    expect(screen.getByTestId('cost-center-Untagged')).toBeInTheDocument();
  });

  it('says which Cost Explorer query failed and how old its figures are, once for all cost centers', async () => {
    const lastSuccess = new Date(Date.now() - 26 * 3600_000).toISOString();
    const stale = [
      {
        query: 'monthly-by-account' as const,
        message:
          'Cost Explorer throttled the monthly spend by account query after every retry; it is asked again at the next collection.',
        failedAt: new Date().toISOString(),
        lastSuccess,
      },
    ];
    await renderCost([center('data-platform', { staleQueries: stale }), center('crm-modular', { staleQueries: stale })]);
    const notice = screen.getByTestId('stale-queries');
    expect(notice).toHaveTextContent(
      'Cost Explorer throttled the monthly spend by account query after every retry; it is asked again at the next collection. Its figures are from 26 h ago.',
    );
    expect(within(notice).getAllByText(/throttled/)).toHaveLength(1);
  });

  it('shows no stale-query notice when every query answered', async () => {
    await renderCost([center('data-platform')]);
    expect(screen.queryByTestId('stale-queries')).toBeNull();
  });
});
