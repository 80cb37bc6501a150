import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { AlarmRow } from '@internal/plugin-aws-cloudwatch-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { type AwsCloudWatchApi, awsCloudWatchApiRef } from '../../api/AwsCloudWatchApi';
import { fleetAlarmsPage } from '../../plugin';
import { alarmStateLabel } from '../AlarmStateChip';

function alarm(i: number, o: Partial<AlarmRow> = {}): AlarmRow {
  return {
    alarmArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:alarm-${i}`,
    alarmName: `alarm-${String(i).padStart(3, '0')}`,
    accountId: '111111111111',
    region: 'us-east-1',
    type: 'metric',
    state: 'OK',
    stateSince: new Date(Date.now() - i * 60_000).toISOString(),
    reason: 'Threshold Crossed: 1 datapoint was not greater than the threshold.',
    consoleUrl: 'https://console.aws.amazon.com/cloudwatch/home',
    ...o,
  };
}

const fake = (items: AlarmRow[]): AwsCloudWatchApi => ({
  getFleetAlarms: async () => ({ source: 'alarms', demo: false, generatedAt: new Date().toISOString(), accountRegions: [], items }),
  getEntityAlarms: jest.fn(),
  getEntityMetrics: jest.fn(),
  refreshAlarm: jest.fn(),
});

/** The plugin's page extension, as the app mounts it, with a fake API. */
async function renderFleet(items: AlarmRow[]) {
  const tester = createExtensionTester(fleetAlarmsPage);
  expect(tester.get(coreExtensionData.routePath)).toBe('/aws-alarms');
  renderInTestApp(tester.reactElement(), {
    apis: [[awsCloudWatchApiRef, fake(items)]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return screen.findByRole('region', { name: 'CloudWatch alarms' }, { timeout: 30_000 });
}

// A page of 120 alarms renders slowly in jsdom on a busy machine: the test waits for it, not the clock.
jest.setTimeout(60_000);

describe('FleetAlarmsPage', () => {
  it('puts firing alarms first, counts each state and searches by name', async () => {
    const items = Array.from({ length: 120 }, (_, i) => alarm(i));
    items[57] = alarm(57, { state: 'ALARM', reason: 'Threshold Crossed: 5xx above 10 for 3 minutes.' });
    items[90] = alarm(90, { state: 'INSUFFICIENT_DATA' });
    const table = await renderFleet(items);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(51); // the header and the first page of 50
    expect(rows[1]).toHaveTextContent('alarm-057');
    expect(rows[1]).toHaveTextContent('5xx above 10 for 3 minutes');
    expect(rows[2]).toHaveTextContent('alarm-090');
    expect(rows[3]).toHaveTextContent('alarm-119'); // then the longest-standing OK
    expect(screen.getByRole('button', { name: `${alarmStateLabel('ALARM')}: 1` })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `${alarmStateLabel('INSUFFICIENT_DATA')}: 1` })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `${alarmStateLabel('OK')}: 118` })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'alarm-11' } });
    expect(await screen.findByText('alarm-119')).toBeInTheDocument();
    expect(within(table).queryByText('alarm-057')).not.toBeInTheDocument();
  });
});
