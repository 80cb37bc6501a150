import type { DrRow } from '@internal/plugin-aws-dr-common';
import { bySystem, targetsText } from './drView';

const row = (name: string, system: string | undefined, verdict: DrRow['verdict'], rpo?: number): DrRow => ({
  arn: `arn:aws:rds:us-east-1:111111111111:db:${name}`,
  kind: 'rds-instance',
  name,
  accountId: '111111111111',
  region: 'us-east-1',
  system,
  targets: { rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' },
  verdict,
  achievedRpoMinutes: rpo,
  reasons: verdict === 'meets' ? [] : [`${verdict} because`],
  collectedAt: '2026-11-25T12:00:00Z',
});

describe('bySystem', () => {
  it('takes each system’s worst verdict, puts breaches first and names the resource in each reason', () => {
    const systems = bySystem([
      row('crm-db', 'crm', 'meets', 20),
      row('crm-cache', 'crm', 'meets', 150),
      row('analytics-db', 'analytics', 'breached'),
      row('analytics-cache', 'analytics', 'meets', 1),
      row('apex-db', 'apexai', 'at-risk', 5),
      row('stray', undefined, 'no-target'),
    ]);
    expect(systems.map(s => [s.system, s.verdict, s.achievedRpoMinutes])).toEqual([
      ['analytics', 'breached', 1],
      ['apexai', 'at-risk', 5],
      ['crm', 'meets', 150],
      ['', 'no-target', undefined],
    ]);
    expect(systems[0].reasons).toEqual(['analytics-db: breached because']);
    expect(systems[0].rows.map(r => r.name)).toEqual(['analytics-db', 'analytics-cache']);
  });

  it('writes targets the way people write them', () => {
    expect(targetsText({ rpoMinutes: 15, rtoMinutes: 60, drRegion: 'us-west-2' })).toBe('RPO 15m · RTO 1h · DR us-west-2');
    expect(targetsText({})).toBe('–');
  });
});
