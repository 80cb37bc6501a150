import { ConfigReader } from '@backstage/config';
import { costCentersHeld, holdsCostCenter, readCostCenterHolders } from './costCenters';

const read = (entries: Array<[string, string[]]>) =>
  readCostCenterHolders(
    new ConfigReader({ awsPortal: { cost: { costCenters: entries.map(([costCenter, holders]) => ({ costCenter, holders })) } } }),
  );

describe('cost-center holders', () => {
  it('reads the holders, groups by default, and answers who holds what', () => {
    const holders = read([
      ['crm', ['team-crm', 'user:default/olivia']],
      ['data platform', ['group:default/team-analytics']],
    ]);
    expect([...holders]).toEqual([
      ['crm', ['group:default/team-crm', 'user:default/olivia']],
      ['data platform', ['group:default/team-analytics']],
    ]);
    expect(costCentersHeld(holders, ['user:default/carla', 'group:default/Team-CRM'])).toEqual(['crm']);
    expect(costCentersHeld(holders, ['user:default/olivia', 'group:default/team-analytics'])).toEqual(['crm', 'data platform']);
    expect(costCentersHeld(holders, ['user:default/dave'])).toEqual([]);
    expect(holdsCostCenter(holders, 'crm', 'group:default/team-crm')).toBe(true);
    expect(holdsCostCenter(holders, 'crm', 'group:default/team-x')).toBe(false);
    expect(holdsCostCenter(holders, 'crm', undefined)).toBe(false);
    expect(holdsCostCenter(holders, 'unknown', 'group:default/team-crm')).toBe(false);
  });

  it('holds nothing without configuration, and refuses a malformed entry with a sentence', () => {
    expect(readCostCenterHolders(new ConfigReader({})).size).toBe(0);
    expect(() => read([['crm!', ['team-crm']]])).toThrow(
      'awsPortal.cost.costCenters[0].costCenter: "crm!" is not a CostCenter tag value (letters, digits, spaces and _ . : / = + - @, at most 256).',
    );
    expect(() => read([['crm', ['team-crm']], ['ops', ['group:']]])).toThrow(
      'awsPortal.cost.costCenters[1].holders: "group:" is not an entity ref such as group:default/team-crm.',
    );
    expect(() => read([['crm', ['team-crm']], ['crm', ['team-x']]])).toThrow(
      'awsPortal.cost.costCenters[1]: cost center "crm" is listed twice; give it one entry with every holder.',
    );
  });
});
