import type { AlarmsSummary } from '@internal/plugin-aws-cloudwatch-common';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { FleetResponse, FleetServiceRow } from '@internal/plugin-ecs-health-common';
import { screen, within, fireEvent } from '@testing-library/react';
import { type EcsHealthApi, ecsHealthApiRef } from '../../api/EcsHealthApi';
import { fleetHealthPage } from '../../plugin';

function row(i: number, o: Partial<FleetServiceRow> = {}): FleetServiceRow {
  return {
    serviceArn: `arn:aws:ecs:us-east-1:111111111111:service/c/svc-${i}`,
    serviceName: `svc-${String(i).padStart(4, '0')}`,
    clusterName: `cluster-${i % 50}`,
    accountId: ['111111111111', '222222222222', '333333333333'][i % 3],
    region: i % 2 ? 'us-west-2' : 'us-east-1',
    status: 'healthy',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    system: i % 2 ? 'crm' : 'analytics',
    owner: 'team',
    collectedAt: new Date().toISOString(),
    ...o,
  };
}

function fakeApi(fleet: FleetResponse, alarms?: AlarmsSummary['byEntity']): EcsHealthApi {
  return {
    getFleet: async () => fleet,
    getEntityHealth: jest.fn(),
    refreshService: jest.fn(),
    getAlarmsSummary: async () =>
      alarms && {
        source: 'alarms',
        demo: false,
        generatedAt: new Date().toISOString(),
        accountRegions: [],
        summary: { total: { ALARM: 0, INSUFFICIENT_DATA: 0, OK: 0 }, byEntity: alarms },
      },
  };
}

/** The plugin's page extension, as the app mounts it, with a fake API. */
async function renderFleet(fleet: FleetResponse, alarms?: AlarmsSummary['byEntity']) {
  const tester = createExtensionTester(fleetHealthPage);
  expect(tester.get(coreExtensionData.routePath)).toBe('/ecs-health');
  renderInTestApp(tester.reactElement(), {
    apis: [[ecsHealthApiRef, fakeApi(fleet, alarms)]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  // The page loads lazily and pages 2,000 rows: give it time on a busy machine.
  await screen.findByRole('region', { name: 'ECS services' }, { timeout: 30_000 });
}

// Rendering in jsdom on a busy machine is slow: the tests wait for the page, not the clock.
jest.setTimeout(60_000);

describe('FleetHealthPage', () => {
  const services = Array.from({ length: 2000 }, (_, i) => row(i));
  services[7] = row(7, { status: 'failing', reason: 'Rollout of app:2 failed: circuit breaker' });
  services[8] = row(8, { status: 'degraded', reason: '1 of 2 desired tasks are running.' });

  it('counts every status, puts the worst first and pages 2,000 rows', async () => {
    await renderFleet({
      source: 'ecs-health',
      demo: true,
      generatedAt: new Date().toISOString(),
      accountRegions: [{ accountId: '111111111111', region: 'us-east-1', stale: false, itemCount: 2000, collectedAt: new Date().toISOString() }],
      items: services,
    });
    expect(screen.getByTestId('demo-data-notice')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Failing: 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Healthy: 1998' })).toBeInTheDocument();
    const table = screen.getByRole('region', { name: 'ECS services' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(51); // header + one page of 50
    expect(rows[1]).toHaveTextContent('svc-0007');
    expect(rows[1]).toHaveTextContent('Rollout of app:2 failed: circuit breaker');
    expect(rows[2]).toHaveTextContent('svc-0008');
    expect(screen.getByText('1 - 50 of 2000')).toBeInTheDocument();
  });

  it('narrows to one status from its summary card and searches', async () => {
    await renderFleet({ source: 'ecs-health', demo: false, generatedAt: '', accountRegions: [], items: services });
    fireEvent.click(screen.getByRole('button', { name: 'Degraded: 1' }));
    const table = screen.getByRole('region', { name: 'ECS services' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Degraded: 1' }));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'svc-199' } });
    expect(await screen.findByText('1 - 10 of 10')).toBeInTheDocument();
    expect(screen.queryByTestId('demo-data-notice')).not.toBeInTheDocument();
  });

  it('shows each service entity’s firing alarms from the alarms summary', async () => {
    const items = [
      row(1, { entityRef: 'component:default/svc-1' }),
      row(2, { entityRef: 'component:default/svc-2' }),
      row(3, { entityRef: 'component:default/svc-3' }),
    ];
    await renderFleet(
      { source: 'ecs-health', demo: false, generatedAt: '', accountRegions: [], items },
      {
        'component:default/svc-1': { ALARM: 2, INSUFFICIENT_DATA: 1, OK: 3 },
        'component:default/svc-2': { ALARM: 0, INSUFFICIENT_DATA: 0, OK: 4 },
      },
    );
    const table = screen.getByRole('region', { name: 'ECS services' });
    expect(await within(table).findByText('2 in alarm')).toBeInTheDocument();
    expect(within(table).getByText('4 OK')).toBeInTheDocument();
    expect(within(table).getByLabelText('No alarms')).toBeInTheDocument();
  });

  it('shows an account whose data is stale, with the reason', async () => {
    await renderFleet({
      source: 'ecs-health',
      demo: false,
      generatedAt: '',
      items: [],
      accountRegions: [
        {
          accountId: '222222222222',
          region: 'us-west-2',
          stale: true,
          itemCount: 0,
          collectedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          error: "AWS refused the portal's credentials for account 222222222222 in us-west-2 (ExpiredTokenException: expired).",
        },
      ],
    });
    expect(
      screen.getByText(/222222222222 \/ us-west-2: showing data collected 3 h ago\. AWS refused/),
    ).toBeInTheDocument();
    expect(screen.getByText('No service matches these filters.')).toBeInTheDocument();
  });
});
