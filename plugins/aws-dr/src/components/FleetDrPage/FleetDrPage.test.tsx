import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { DrRow } from '@internal/plugin-aws-dr-common';
import { screen, within } from '@testing-library/react';
import { type AwsDrApi, awsDrApiRef } from '../../api/AwsDrApi';
import { fleetDrPage } from '../../plugin';

const collectedAt = new Date().toISOString();
function row(name: string, o: Partial<DrRow>): DrRow {
  return {
    arn: `arn:aws:rds:us-east-1:111111111111:db:${name}`,
    kind: 'rds-instance',
    name,
    accountId: '111111111111',
    region: 'us-east-1',
    targets: { rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' },
    verdict: 'meets',
    reasons: [],
    collectedAt,
    ...o,
  };
}

const fake = (items: DrRow[]): AwsDrApi => ({
  getFleet: async () => ({ source: 'dr', demo: false, generatedAt: collectedAt, accountRegions: [], items }),
  getEntity: jest.fn(),
});

/** The plugin's page extension, as the app mounts it, with a fake API. */
async function renderFleet(items: DrRow[]) {
  const tester = createExtensionTester(fleetDrPage);
  expect(tester.get(coreExtensionData.routePath)).toBe('/aws-dr');
  renderInTestApp(tester.reactElement(), {
    apis: [[awsDrApiRef, fake(items)]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return screen.findByRole('region', { name: 'Disaster recovery by system' }, { timeout: 30_000 });
}

// Rendering in jsdom on a busy machine is slow: the test waits for the page, not the clock.
jest.setTimeout(60_000);

describe('FleetDrPage', () => {
  it('lists systems by their worst verdict, breaches first, with the sentences that decide it', async () => {
    const table = await renderFleet([
      row('crm-postgres', { system: 'crm', achievedRpoMinutes: 5 }),
      row('analytics-postgres', {
        system: 'analytics',
        verdict: 'breached',
        achievedRpoMinutes: 1440,
        targets: { rpoMinutes: 5, rtoMinutes: 30, drRegion: 'us-west-2' },
        reasons: ['No copy of its backups in us-west-2: a Region loss loses everything since the last snapshot.'],
      }),
      row('analytics-redis', { system: 'analytics', kind: 'elasticache', verdict: 'at-risk', reasons: ['One node: a zone loss waits for a replacement.'] }),
      row('scratch', { targets: {}, verdict: 'no-target' }),
    ]);
    const rows = within(table).getAllByRole('row');
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([null, 'dr-system-analytics', 'dr-system-crm', 'dr-system-none']);
    // A system's reasons are those of its worst resources, named.
    expect(rows[1]).toHaveTextContent('analytics-postgres: No copy of its backups in us-west-2');
    expect(rows[1]).not.toHaveTextContent('One node');
    expect(rows[2]).toHaveTextContent('Every check is met.');
    expect(rows[3]).toHaveTextContent('No RPO or RTO is declared.');
    expect(screen.getByTestId('count-breached')).toHaveTextContent('1');
    expect(screen.getByTestId('count-meets')).toHaveTextContent('1');
  });
});
