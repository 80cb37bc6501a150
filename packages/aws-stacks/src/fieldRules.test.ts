import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_RULES, fieldRuleProblems } from './fieldRules';

describe('FIELD_RULES', () => {
  it('refuses each rule’s own example with a sentence, and is silent while the answers it reads are missing', () => {
    for (const rule of FIELD_RULES) {
      expect({ id: rule.id, sentence: rule.check(rule.example.answers, rule.example.facts) }).toEqual({ id: rule.id, sentence: expect.stringMatching(/^[A-Z0-9a-z].*\.$/) });
      expect({ id: rule.id, silent: rule.check({}, rule.example.facts) }).toEqual({ id: rule.id, silent: undefined });
    }
    expect(new Set(FIELD_RULES.map(r => r.id)).size).toBe(FIELD_RULES.length);
  });

  it('names a value that works in every sentence', () => {
    for (const rule of FIELD_RULES) {
      expect({ id: rule.id, sentence: rule.check(rule.example.answers, rule.example.facts) }).toEqual({
        id: rule.id,
        sentence: expect.stringMatching(/(\b(choose|set|try|would do|leave|lower|give|such as|stop|add|keep)\b|e\.g\.|\(arn:)/i),
      });
    }
  });

  it('answers with a sentence, not a crash, for a VPC range that is no range and for too many blocks', () => {
    const network = FIELD_RULES.find(r => r.id === 'network.data-subnets')!;
    const answers = { ...network.example.answers, cidr: '10.999.0.0/16' };
    expect(network.check(answers, network.example.facts)).toMatch(/^data subnets: one block per zone, 3 here; 2 given \(add 10\.0\.21\.0\/24\)\./);
    const many = { ...network.example.answers, dataSubnetCidrs: Array.from({ length: 5000 }, () => '10.0.1.0/24') };
    expect(network.check(many, network.example.facts)).toBe('data subnets: one block per zone, at most 3; 5000 given.');
  });

  it('refuses a rule id no rule has', () => {
    expect(() => fieldRuleProblems(['kafka.brokers'], {}, FIELD_RULES[0].example.facts)).toThrow(/^There is no field rule kafka\.brokers; the rules are service\.min-below-max, /);
  });
});

/**
 * Every place a stack schema refuses a configuration, and where its form
 * refuses the same answer: a field rule (named at its field with
 * `ui:field: AwsStackChecked`, which the templates test checks), or the
 * form's own JSON schema. A new refusal fails here until it says which.
 */
const SCHEMA_REFUSALS: Record<string, string[]> = {
  'FargateService.ts': [
    'the field rules of the service part',
    'memory per CPU size: the form offers the sizes of the chosen CPU only (dependencies on cpu)',
    'both weights 0: the form asks one FARGATE_SPOT weight % (0–100) and gives FARGATE the rest',
    'no path pattern or host header: the form asks a load-balanced service at least one path pattern (minItems 1)',
  ],
  'RdsDatabase.ts': ['a version the engine lacks: the form offers the versions of the chosen engine only', 'the field rules of the database part'],
  'RedisCache.ts': ['the issue helper', 'a version the engine lacks: the form offers the versions of the chosen engine only', 'the field rules of the cache part'],
  'MskCluster.ts': ['the field rules of the kafka part'],
  'PlatformEnvironment.ts': ['the field rules of the platform environment (its subnet blocks)'],
  'RdsCrossRegionReplica.ts': ["a version RDS no longer creates: read from the source's catalog entity, not answered; the run asks to upgrade the source"],
  'nameValueRecord.ts': [
    'not a list of names and values: the form asks an array of name/value objects',
    'a missing name: the form requires the name of each item',
    'a name given twice: the *.names-once and *.parameter-names-once rules',
  ],
  // The parts' problems that need the stack's Region, account or zones: the field rules themselves.
  'kinds/rds-database/index.ts': ["the backup copy's Region: the database.backup-copy-elsewhere rule"],
  'kinds/picked.ts': ["where a replica's source and a replicator's clusters live (Region, account): the replica.source-* and replicator.* rules at the pickers"],
};

it('lists every place a stack schema refuses, with the form’s counterpart', () => {
  const counted = Object.fromEntries(
    Object.keys(SCHEMA_REFUSALS).map(file => [file, (readFileSync(join(__dirname, file), 'utf8').match(/ctx\.addIssue\(|problems\.push\(|\bissue\('|\bfieldRuleProblems\(/g) ?? []).length]),
  );
  expect(counted).toEqual(Object.fromEntries(Object.entries(SCHEMA_REFUSALS).map(([file, places]) => [file, places.length])));
});
