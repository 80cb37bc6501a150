/*
 * What `refresh-versions` does, apart from reading the command line: asks
 * AWS which engine versions new resources may use, picks the platform's
 * share of them (the newest majors, the newest versions of each), and
 * rewrites src/engineVersions.ts and the forms' lists.
 */
import { DescribeDBEngineVersionsCommand, DescribeOrderableDBInstanceOptionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeCacheEngineVersionsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KafkaClient, ListKafkaVersionsCommand } from '@aws-sdk/client-kafka';
import { readFileSync, writeFileSync } from 'node:fs';
import yaml from 'yaml';
import { ENGINE_VERSIONS, type EngineListId, type EngineVersionList } from '../src/engineVersions';
import { newestFirst } from '../src/versionOrder';

export interface Clients {
  rds: RDSClient;
  elasticache: ElastiCacheClient;
  kafka: KafkaClient;
}

export interface Refreshed {
  id: EngineListId;
  before: readonly string[];
  after: string[];
}


/** The platform's share of what AWS offers: the newest `majors` majors, the newest `perMajor` versions of each. */
export function pick(all: string[], list: Pick<EngineVersionList, 'majors' | 'perMajor' | 'majorParts'>): string[] {
  // Plain versions only: 8.0.46, not the patch builds 8.0.46-rds.20260624.
  const plain = [...new Set(all.filter(v => /^\d+(\.(\d+|x))*$/.test(v)))].sort(newestFirst);
  const major = (v: string) => v.split('.').slice(0, list.majorParts).join('.');
  const majors = [...new Set(plain.map(major))].slice(0, list.majors);
  return majors.flatMap(m => plain.filter(v => major(v) === m).slice(0, list.perMajor));
}

export async function rdsVersions(rds: RDSClient, engine: 'postgres' | 'mysql'): Promise<string[]> {
  const versions: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await rds.send(new DescribeDBEngineVersionsCommand({ Engine: engine, IncludeAll: false, Marker }));
    for (const v of page.DBEngineVersions ?? []) {
      if (v.EngineVersion && (v.Status ?? 'available') === 'available') versions.push(v.EngineVersion);
    }
    Marker = page.Marker;
  } while (Marker);
  return versions;
}

/** ElastiCache names Redis OSS 6+ and Valkey by major.minor (7.1.0 is created as 7.1). */
export async function cacheVersions(elasticache: ElastiCacheClient, engine: 'redis' | 'valkey'): Promise<string[]> {
  const versions: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await elasticache.send(new DescribeCacheEngineVersionsCommand({ Engine: engine, Marker }));
    for (const v of page.CacheEngineVersions ?? []) {
      if (!v.EngineVersion) continue;
      const [major, minor] = v.EngineVersion.split('.');
      versions.push(Number(major) >= 6 ? `${major}.${minor ?? '0'}` : v.EngineVersion);
    }
    Marker = page.Marker;
  } while (Marker);
  return versions;
}

export async function kafkaVersions(kafka: KafkaClient): Promise<string[]> {
  const versions: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await kafka.send(new ListKafkaVersionsCommand({ NextToken }));
    for (const v of page.KafkaVersions ?? []) if (v.Version && v.Status === 'ACTIVE') versions.push(v.Version);
    NextToken = page.NextToken;
  } while (NextToken);
  return versions;
}

/** Which of the given instance classes RDS cannot create for an engine version (to review by hand). */
export async function unorderableClasses(rds: RDSClient, engine: string, version: string, classes: readonly string[]): Promise<string[]> {
  const orderable = new Set<string>();
  let Marker: string | undefined;
  do {
    const page = await rds.send(new DescribeOrderableDBInstanceOptionsCommand({ Engine: engine, EngineVersion: version, Marker }));
    for (const o of page.OrderableDBInstanceOptions ?? []) if (o.DBInstanceClass) orderable.add(o.DBInstanceClass);
    Marker = page.Marker;
  } while (Marker);
  return classes.filter(c => !orderable.has(c));
}

export async function refreshAll(clients: Clients): Promise<Refreshed[]> {
  const answers: Record<EngineListId, () => Promise<string[]>> = {
    rdsPostgres: () => rdsVersions(clients.rds, 'postgres'),
    rdsMysql: () => rdsVersions(clients.rds, 'mysql'),
    elasticacheValkey: () => cacheVersions(clients.elasticache, 'valkey'),
    elasticacheRedis: () => cacheVersions(clients.elasticache, 'redis'),
    mskKafka: () => kafkaVersions(clients.kafka),
  };
  const out: Refreshed[] = [];
  for (const id of Object.keys(answers) as EngineListId[]) {
    out.push({ id, before: ENGINE_VERSIONS[id].versions, after: pick(await answers[id](), ENGINE_VERSIONS[id]) });
  }
  return out;
}

/** One line per list: what was added, what was dropped, and the default's move. */
export function describeChanges(refreshed: Refreshed[]): string[] {
  return refreshed.map(({ id, before, after }) => {
    const added = after.filter(v => !before.includes(v));
    const dropped = before.filter(v => !after.includes(v));
    if (!added.length && !dropped.length) return `${id}: unchanged (${after.join(', ')})`;
    const moves = [added.length ? `+ ${added.join(', ')}` : '', dropped.length ? `− ${dropped.join(', ')}` : ''].filter(Boolean);
    const defaultMove = before[0] !== after[0] ? `; default ${before[0]} → ${after[0]}` : '';
    return `${id}: ${moves.join('; ')}${defaultMove}`;
  });
}

/** engineVersions.ts with a list's versions, its checked date and its source replaced. */
export function rewriteEngineFile(source: string, id: EngineListId, versions: string[], checked: string, from: string): string {
  const start = source.indexOf(`  ${id}: {`);
  if (start < 0) throw new Error(`engineVersions.ts has no list ${id}`);
  const end = source.indexOf('\n  },', start);
  const block = source
    .slice(start, end)
    .replace(/checked: '[^']*'/, `checked: '${checked}'`)
    .replace(/source: '[^']*'/, `source: '${from.replace(/'/g, '’')}'`)
    .replace(/versions: \[[^\]]*\]/, `versions: [${versions.map(v => `'${v}'`).join(', ')}]`);
  return source.slice(0, start) + block + source.slice(end);
}

/**
 * A form file with the enum (and default) of `field` replaced, where the
 * field sits beside `engine: { const: <engine> }` when an engine is given.
 */
export function rewriteFormEnum(text: string, field: string, versions: string[], engine?: string): string {
  const doc = yaml.parseDocument(text);
  let replaced = 0;
  yaml.visit(doc, {
    Map(_, map) {
      const engineConst = (['engine', 'cacheEngine'] as const)
        .map(key => map.getIn([key, 'const']))
        .find(v => v !== undefined);
      if (!map.has(field) || (engine !== undefined && engineConst !== engine)) return undefined;
      const node = map.get(field, true);
      if (!yaml.isMap(node) || !node.has('enum')) return undefined;
      node.set('enum', doc.createNode(versions));
      node.set('default', versions[0]);
      replaced++;
      return undefined;
    },
  });
  if (!replaced) throw new Error(`no ${field}${engine ? ` for ${engine}` : ''} enum to rewrite`);
  return doc.toString({ lineWidth: 0, indentSeq: false, singleQuote: true });
}

/** Where each list appears in the forms. */
export const FORM_FIELDS: Record<EngineListId, Array<{ file: string; field: string; engine?: string }>> = {
  // A cross-Region replica asks no version: it runs its source's (its catalog entity's aws.portal/engine-version).
  rdsPostgres: [{ file: 'templates/shared/pages/database.yaml', field: 'engineVersion', engine: 'postgres' }],
  rdsMysql: [{ file: 'templates/shared/pages/database.yaml', field: 'engineVersion', engine: 'mysql' }],
  elasticacheValkey: [{ file: 'templates/shared/pages/cache.yaml', field: 'cacheEngineVersion', engine: 'valkey' }],
  elasticacheRedis: [{ file: 'templates/shared/pages/cache.yaml', field: 'cacheEngineVersion', engine: 'redis' }],
  mskKafka: [{ file: 'templates/msk-cluster/template.yaml', field: 'kafkaVersion' }],
};

/** Writes the refreshed lists into engineVersions.ts and the forms; returns the files it changed. */
export function writeRefreshed(root: string, refreshed: Refreshed[], checked: string, region: string): string[] {
  const changed = new Set<string>();
  const engineFile = `${root}/packages/aws-stacks/src/engineVersions.ts`;
  let source = readFileSync(engineFile, 'utf8');
  for (const { id, after } of refreshed) {
    if (!after.length) throw new Error(`AWS named no ${id} versions; nothing was written.`);
  }
  for (const { id, after } of refreshed) {
    source = rewriteEngineFile(source, id, after, checked, `${ENGINE_VERSIONS[id].api} in ${region}`);
    for (const { file, field, engine } of FORM_FIELDS[id]) {
      const path = `${root}/${file}`;
      const before = readFileSync(path, 'utf8');
      const after_ = rewriteFormEnum(before, field, after, engine);
      if (after_ !== before) {
        writeFileSync(path, after_);
        changed.add(file);
      }
    }
  }
  writeFileSync(engineFile, source);
  changed.add('packages/aws-stacks/src/engineVersions.ts');
  return [...changed];
}
