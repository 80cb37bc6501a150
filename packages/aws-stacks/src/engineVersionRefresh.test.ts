/*
 * The version refresh against recorded AWS answers: moto answers none of
 * DescribeDBEngineVersions, DescribeCacheEngineVersions, ListKafkaVersions
 * or DescribeOrderableDBInstanceOptions, so aws-sdk-client-mock stands in
 * with answers in AWS's shapes (paged, with patch builds and retired
 * versions mixed in, as AWS sends them).
 */
import { DescribeDBEngineVersionsCommand, DescribeOrderableDBInstanceOptionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeCacheEngineVersionsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KafkaClient, ListKafkaVersionsCommand } from '@aws-sdk/client-kafka';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'yaml';
import { describeChanges, FORM_FIELDS, pick, refreshAll, rewriteFormEnum, unorderableClasses, writeRefreshed } from '../scripts/engineVersionRefresh';
import { ENGINE_VERSIONS } from './engineVersions';

const ROOT = join(__dirname, '../../..');
const rds = mockClient(RDSClient);
const elasticache = mockClient(ElastiCacheClient);
const kafka = mockClient(KafkaClient);
const clients = { rds: new RDSClient({ region: 'us-east-1' }), elasticache: new ElastiCacheClient({ region: 'us-east-1' }), kafka: new KafkaClient({ region: 'us-east-1' }) };

beforeEach(() => {
  rds.reset();
  elasticache.reset();
  kafka.reset();
  const pg = ['14.20', '15.17', '15.18', '15.19', '16.13', '16.14', '16.15', '17.9', '17.10', '17.11', '17.12', '18.3', '18.4', '18.6', '18.7', '13.23-rds.20260514'];
  rds
    .on(DescribeDBEngineVersionsCommand, { Engine: 'postgres', Marker: undefined })
    .resolves({ DBEngineVersions: pg.slice(0, 8).map(EngineVersion => ({ EngineVersion, Status: 'available' })), Marker: 'page-2' })
    .on(DescribeDBEngineVersionsCommand, { Engine: 'postgres', Marker: 'page-2' })
    .resolves({ DBEngineVersions: [...pg.slice(8).map(EngineVersion => ({ EngineVersion, Status: 'available' })), { EngineVersion: '18.8', Status: 'deprecated' }] })
    .on(DescribeDBEngineVersionsCommand, { Engine: 'mysql' })
    .resolves({ DBEngineVersions: ['8.0.44', '8.0.45', '8.0.46', '8.0.46-rds.20260908', '8.4.9', '8.4.10', '8.4.11'].map(EngineVersion => ({ EngineVersion, Status: 'available' })) })
    .on(DescribeOrderableDBInstanceOptionsCommand)
    .resolves({ OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.r6g.large' }, { DBInstanceClass: 'db.t4g.micro' }] });
  elasticache
    .on(DescribeCacheEngineVersionsCommand, { Engine: 'valkey' })
    .resolves({ CacheEngineVersions: ['7.2.6', '8.0.1', '8.1.0', '8.2.0', '9.0.0', '9.1.0'].map(EngineVersion => ({ EngineVersion })) })
    .on(DescribeCacheEngineVersionsCommand, { Engine: 'redis' })
    .resolves({ CacheEngineVersions: ['5.0.6', '6.2.6', '7.0.7', '7.1.0'].map(EngineVersion => ({ EngineVersion })) });
  kafka.on(ListKafkaVersionsCommand).resolves({
    KafkaVersions: [
      { Version: '3.6.0', Status: 'DEPRECATED' },
      { Version: '3.7.x', Status: 'ACTIVE' },
      { Version: '3.8.x', Status: 'ACTIVE' },
      { Version: '3.9.x', Status: 'ACTIVE' },
      { Version: '4.0.x', Status: 'ACTIVE' },
      { Version: '4.1.x', Status: 'ACTIVE' },
    ],
  });
});

it('picks the newest majors and the newest versions of each, plain versions only', () => {
  expect(pick(['17.9', '18.1', '16.2', '18.3', '18.2', '17.10', '15.1', '18.3-rds.1'], { majors: 2, perMajor: 2, majorParts: 1 })).toEqual(['18.3', '18.2', '17.10', '17.9']);
  expect(pick(['8.0.46', '8.4.11', '8.4.10', '5.7.44'], { majors: 2, perMajor: 1, majorParts: 2 })).toEqual(['8.4.11', '8.0.46']);
});

it('reads every list from AWS, across pages, and says what changed', async () => {
  const refreshed = await refreshAll(clients);
  expect(Object.fromEntries(refreshed.map(r => [r.id, r.after]))).toEqual({
    rdsPostgres: ['18.7', '18.6', '18.4', '17.12', '17.11', '17.10', '16.15', '16.14', '16.13', '15.19', '15.18', '15.17'],
    rdsMysql: ['8.4.11', '8.4.10', '8.4.9', '8.0.46', '8.0.45', '8.0.44'],
    elasticacheValkey: ['9.1', '9.0', '8.2', '8.1', '7.2'],
    elasticacheRedis: ['7.1', '7.0', '6.2'],
    mskKafka: ['4.1.x', '4.0.x', '3.9.x', '3.8.x', '3.7.x'],
  });
  expect(describeChanges(refreshed)).toEqual([
    'rdsPostgres: + 18.7, 17.12; − 18.3, 17.9; default 18.6 → 18.7',
    'rdsMysql: unchanged (8.4.11, 8.4.10, 8.4.9, 8.0.46, 8.0.45, 8.0.44)',
    'elasticacheValkey: unchanged (9.1, 9.0, 8.2, 8.1, 7.2)',
    'elasticacheRedis: unchanged (7.1, 7.0, 6.2)',
    'mskKafka: + 4.1.x; default 4.0.x → 4.1.x',
  ]);
});

it('names the instance classes RDS cannot create with a version', async () => {
  expect(await unorderableClasses(clients.rds, 'postgres', '18.7', ['db.r6g.large', 'db.r5.large', 'db.t4g.micro'])).toEqual(['db.r5.large']);
});

it('rewrites engineVersions.ts and the forms, keeping the forms’ other fields', async () => {
  const root = mkdtempSync(join(tmpdir(), 'refresh-'));
  const files = ['packages/aws-stacks/src/engineVersions.ts', ...new Set(Object.values(FORM_FIELDS).flat().map(f => f.file))];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), readFileSync(join(ROOT, file), 'utf8'));
  }
  const changed = writeRefreshed(root, await refreshAll(clients), '2027-01-15', 'us-east-1');
  expect(changed.sort()).toEqual(['packages/aws-stacks/src/engineVersions.ts', 'templates/msk-cluster/template.yaml', 'templates/shared/pages/database.yaml']);
  const source = readFileSync(join(root, 'packages/aws-stacks/src/engineVersions.ts'), 'utf8');
  expect(source).toContain("versions: ['18.7', '18.6', '18.4', '17.12', '17.11', '17.10', '16.15', '16.14', '16.13', '15.19', '15.18', '15.17'],");
  expect(source).toContain("source: 'rds:DescribeDBEngineVersions (Engine postgres) in us-east-1'");
  expect(source.match(/checked: '2027-01-15'/g)).toHaveLength(Object.keys(ENGINE_VERSIONS).length);
  const database = yaml.parse(readFileSync(join(root, 'templates/shared/pages/database.yaml'), 'utf8'));
  const [postgres, mysql] = database.dependencies.engine.oneOf.map((o: any) => o.properties.engineVersion);
  expect([postgres.default, postgres.enum.length, postgres.title]).toEqual(['18.7', 12, 'Engine version']);
  expect(mysql.default).toBe('8.4.11');
  expect(Object.keys(database.properties)).toEqual(Object.keys(yaml.parse(readFileSync(join(ROOT, 'templates/shared/pages/database.yaml'), 'utf8')).properties));
});

it('refuses to rewrite a form that lacks the field', () => {
  expect(() => rewriteFormEnum('properties:\n  name:\n    type: string\n', 'kafkaVersion', ['4.0.x'])).toThrow('no kafkaVersion enum to rewrite');
});
