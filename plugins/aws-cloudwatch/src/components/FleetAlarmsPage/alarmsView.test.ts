import type { AlarmRow } from '@internal/plugin-aws-cloudwatch-common';
import { alarmCounts, alarmFilterOptions, sortAlarms, viewAlarms } from './alarmsView';

const row = (o: Partial<AlarmRow>): AlarmRow => ({
  alarmArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${o.alarmName}`,
  alarmName: 'a',
  accountId: '111111111111',
  region: 'us-east-1',
  type: 'metric',
  state: 'OK',
  stateSince: '2026-11-20T00:00:00Z',
  reason: '',
  consoleUrl: 'https://console',
  ...o,
});

const rows = [
  row({ alarmName: 'quiet', state: 'OK', system: 'crm' }),
  row({ alarmName: 'late-fire', state: 'ALARM', stateSince: '2026-11-25T09:50:00Z', severity: 'high', system: 'crm' }),
  row({ alarmName: 'no-data', state: 'INSUFFICIENT_DATA', system: 'what-if', region: 'us-west-2' }),
  row({ alarmName: 'early-fire', state: 'ALARM', stateSince: '2026-11-25T09:00:00Z', severity: 'critical', system: 'analytics', reason: 'Threshold Crossed: disk' }),
];

describe('viewAlarms', () => {
  it('puts ALARM first, then INSUFFICIENT_DATA, the longest-standing first', () => {
    expect(viewAlarms(rows, {}, '').map(r => r.alarmName)).toEqual(['early-fire', 'late-fire', 'no-data', 'quiet']);
  });

  it('filters by every chosen column and searches name and reason', () => {
    expect(viewAlarms(rows, { state: 'ALARM', system: 'crm' }, '').map(r => r.alarmName)).toEqual(['late-fire']);
    expect(viewAlarms(rows, { region: 'us-west-2' }, '').map(r => r.alarmName)).toEqual(['no-data']);
    expect(viewAlarms(rows, {}, 'DISK').map(r => r.alarmName)).toEqual(['early-fire']);
  });

  it('counts states and offers states in urgency order', () => {
    expect(alarmCounts(rows)).toEqual({ ALARM: 2, INSUFFICIENT_DATA: 1, OK: 1 });
    expect(alarmFilterOptions(rows)).toMatchObject({
      state: ['ALARM', 'INSUFFICIENT_DATA', 'OK'],
      severity: ['critical', 'high'],
      system: ['analytics', 'crm', 'what-if'],
    });
  });

  it('sorts by a column either way, urgency breaking ties', () => {
    const names = (column: string, direction = 'ascending') => sortAlarms(rows, { column, direction }).map(r => r.alarmName);
    expect(names('alarm')).toEqual(['early-fire', 'late-fire', 'no-data', 'quiet']);
    expect(names('alarm', 'descending')).toEqual(['quiet', 'no-data', 'late-fire', 'early-fire']);
    expect(names('severity')).toEqual(['early-fire', 'late-fire', 'no-data', 'quiet']);
    expect(names('since')).toEqual(['no-data', 'quiet', 'early-fire', 'late-fire']);
    expect(names('state', 'descending')).toEqual(['quiet', 'no-data', 'late-fire', 'early-fire']);
  });
});
