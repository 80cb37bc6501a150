import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { cfnLintErrors } from './cfnLint';
import { ENGINE_VERSIONS, type EngineListId, defaultEngineVersion, engineMajor } from './engineVersions';
import { findRepoTool } from './repoTools';
import { newestFirst } from './versionOrder';

const ROOT = join(__dirname, '../../..');

describe.each(Object.keys(ENGINE_VERSIONS) as EngineListId[])('%s', id => {
  const list = ENGINE_VERSIONS[id];

  it('is newest first, with the newest of the newest major as the default', () => {
    expect([...list.versions].sort(newestFirst)).toEqual(list.versions);
    expect(defaultEngineVersion(id)).toBe(list.versions[0]);
  });

  it('offers its newest majors, each with at most its number of newest versions', () => {
    const major = (version: string) => engineMajor(id, version);
    const majors = [...new Set(list.versions.map(major))];
    expect(majors.length).toBe(list.majors);
    for (const m of majors) {
      expect(list.versions.filter(v => major(v) === m).length).toBeLessThanOrEqual(list.perMajor);
    }
  });

  it('says when and where it was checked', () => {
    expect(list.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.source.length).toBeGreaterThan(10);
  });
});

/** The enum of a form field, wherever it sits in a template or page (first match after `engine: const`). */
function formEnums(file: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const walk = (node: unknown, context: string) => {
    if (Array.isArray(node)) node.forEach(n => walk(n, context));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, any>;
      const engine = record.engine?.const ?? record.cacheEngine?.const;
      const here = engine ? `${context}:${engine}` : context;
      for (const [key, value] of Object.entries(record)) {
        if (['engineVersion', 'cacheEngineVersion', 'kafkaVersion'].includes(key) && Array.isArray(value?.enum)) {
          found[`${key}${engine ? `:${engine}` : ''}`] = value.enum.map(String);
          expect({ key, default: String(value.default) }).toEqual({ key, default: String(value.enum[0]) });
        }
        walk(value, here);
      }
    }
  };
  walk(yaml.parse(readFileSync(join(ROOT, file), 'utf8')), '');
  return found;
}

it('gives the forms the same lists, newest (the default) first', () => {
  const rds = { 'engineVersion:postgres': ENGINE_VERSIONS.rdsPostgres.versions, 'engineVersion:mysql': ENGINE_VERSIONS.rdsMysql.versions };
  expect(formEnums('templates/shared/pages/database.yaml')).toEqual(rds);
  // A cross-Region replica asks no version: it reads its source's from the catalog.
  expect(formEnums('templates/rds-cross-region-replica/template.yaml')).toEqual({});
  expect(formEnums('templates/shared/pages/cache.yaml')).toEqual({
    'cacheEngineVersion:valkey': ENGINE_VERSIONS.elasticacheValkey.versions,
    'cacheEngineVersion:redis': ENGINE_VERSIONS.elasticacheRedis.versions,
  });
  expect(formEnums('templates/msk-cluster/template.yaml')).toEqual({ kafkaVersion: ENGINE_VERSIONS.mskKafka.versions });
});

it('runs the pinned cfn-lint, whose pin is one line', () => {
  const pins = readFileSync(join(ROOT, 'plugins/scaffolder-backend-module-aws-stacks/skeleton/requirements-cfn-lint.txt'), 'utf8')
    .split('\n')
    .filter(line => line.startsWith('cfn-lint=='));
  expect(pins).toHaveLength(1);
  const installed = execFileSync(findRepoTool('.venv/bin/cfn-lint', 'cfn-lint'), ['--version'], { encoding: 'utf8' }).trim();
  expect(installed).toBe(`cfn-lint ${pins[0].slice('cfn-lint=='.length)}`);
});

it('counts a deprecated engine version as an error, and none of the offered ones is', () => {
  const instance = (engine: string, version: string) => ({
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: engine, EngineVersion: version, DBInstanceClass: 'db.r6g.large', AllocatedStorage: '20', MasterUsername: 'admin', ManageMasterUserPassword: true },
  });
  expect(cfnLintErrors({ Resources: { Db: instance('postgres', '15.4') } }).join('\n')).toMatch(/:W3691:/);
  const offered = [
    ...ENGINE_VERSIONS.rdsPostgres.versions.map(v => instance('postgres', v)),
    ...ENGINE_VERSIONS.rdsMysql.versions.map(v => instance('mysql', v)),
  ];
  expect(cfnLintErrors({ Resources: Object.fromEntries(offered.map((r, i) => [`Db${i}`, r])) })).toEqual([]);
});
