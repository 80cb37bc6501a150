import type { FleetServiceRow } from '@internal/plugin-ecs-health-common';
import { filterOptions, statusCounts, viewRows } from './fleetView';

function row(o: Partial<FleetServiceRow>): FleetServiceRow {
  return {
    serviceArn: `arn:${o.serviceName}`,
    serviceName: 'svc',
    clusterName: 'c',
    accountId: '111111111111',
    region: 'us-east-1',
    status: 'healthy',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    collectedAt: '2026-11-24T12:00:00Z',
    ...o,
  };
}

const rows = [
  row({ serviceName: 'b', system: 'crm', owner: 'team-crm', status: 'healthy' }),
  row({ serviceName: 'a', system: 'crm', owner: 'team-crm', status: 'failing', runningCount: 0, reason: 'Rollout failed' }),
  row({ serviceName: 'c', system: 'analytics', owner: 'team-analytics', region: 'us-west-2', status: 'degraded', runningCount: 1 }),
  row({ serviceName: 'd', status: 'scaled-to-zero', desiredCount: 0, runningCount: 0 }),
];

describe('fleet view', () => {
  it('offers each distinct value of each filter', () => {
    expect(filterOptions(rows)).toMatchObject({
      system: ['analytics', 'crm'],
      owner: ['team-analytics', 'team-crm'],
      region: ['us-east-1', 'us-west-2'],
      status: ['degraded', 'failing', 'healthy', 'scaled-to-zero'],
    });
  });

  it('filters by every chosen value and by search text', () => {
    const names = (f: Parameters<typeof viewRows>[1], s = '') =>
      viewRows(rows, f, s, { column: 'serviceName', direction: 'ascending' }).map(r => r.serviceName);
    expect(names({ system: 'crm' })).toEqual(['a', 'b']);
    expect(names({ system: 'crm', status: 'failing' })).toEqual(['a']);
    expect(names({ region: 'us-west-2' })).toEqual(['c']);
    expect(names({}, 'rollout')).toEqual(['a']);
    expect(names({}, 'ROLLOUT')).toEqual(['a']);
  });

  it('sorts by severity, system and task shortfall', () => {
    const by = (column: 'status' | 'system' | 'tasks', direction: 'ascending' | 'descending' = 'ascending') =>
      viewRows(rows, {}, '', { column, direction }).map(r => r.serviceName);
    expect(by('status')).toEqual(['a', 'c', 'b', 'd']);
    expect(by('status', 'descending')).toEqual(['d', 'b', 'c', 'a']);
    expect(by('system')).toEqual(['c', 'a', 'b', 'd']);
    expect(by('tasks')).toEqual(['a', 'c', 'b', 'd']);
  });

  it('counts each status', () => {
    expect(statusCounts(rows)).toEqual({
      failing: 1,
      degraded: 1,
      healthy: 1,
      'scaled-to-zero': 1,
    });
  });
});
