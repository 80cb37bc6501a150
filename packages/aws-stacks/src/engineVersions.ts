/**
 * The engine versions the platform offers, one list per engine, as AWS
 * creates them today. `yarn workspace @internal/aws-stacks refresh-versions`
 * rewrites this file (and the forms' lists) from the AWS APIs when
 * credentials are configured, and prints what changed.
 */

/** @public */
export interface EngineVersionList {
  /** What a person calls the engine. */
  readonly label: string;
  /** The AWS API that answers which versions a new resource may use. */
  readonly api: string;
  /** The day the list was last compared with its source (YYYY-MM-DD). */
  readonly checked: string;
  /** Where the list came from that day. */
  readonly source: string;
  /** How many of the newest major versions are offered. */
  readonly majors: number;
  /** How many leading parts of a version name its major: 1 (PostgreSQL 18), 2 (MySQL 8.4). */
  readonly majorParts: 1 | 2;
  /** How many of the newest minor versions of each major are offered. */
  readonly perMajor: number;
  /** Newest first; the first is the default. */
  readonly versions: readonly string[];
}

/** @public */
export const ENGINE_VERSIONS = {
  rdsPostgres: {
    label: 'RDS for PostgreSQL',
    api: 'rds:DescribeDBEngineVersions (Engine postgres)',
    checked: '2026-12-04',
    source: 'cfn-lint 1.58.0 data (refreshed by its maintainers from the same API), minus the versions its W3691 deprecation list names',
    majorParts: 1,
    majors: 4,
    perMajor: 3,
    versions: ['18.6', '18.4', '18.3', '17.11', '17.10', '17.9', '16.15', '16.14', '16.13', '15.19', '15.18', '15.17'],
  },
  rdsMysql: {
    label: 'RDS for MySQL',
    api: 'rds:DescribeDBEngineVersions (Engine mysql)',
    checked: '2026-12-04',
    source: 'cfn-lint 1.58.0 data (refreshed by its maintainers from the same API), minus the versions its W3691 deprecation list names',
    majorParts: 2,
    majors: 2,
    perMajor: 3,
    versions: ['8.4.11', '8.4.10', '8.4.9', '8.0.46', '8.0.45', '8.0.44'],
  },
  elasticacheValkey: {
    label: 'ElastiCache for Valkey',
    api: 'elasticache:DescribeCacheEngineVersions (Engine valkey)',
    checked: '2026-12-04',
    source: 'cfn-lint 1.58.0 data (refreshed by its maintainers from the same API)',
    majorParts: 1,
    majors: 3,
    perMajor: 2,
    versions: ['9.1', '9.0', '8.2', '8.1', '7.2'],
  },
  elasticacheRedis: {
    label: 'ElastiCache for Redis OSS',
    api: 'elasticache:DescribeCacheEngineVersions (Engine redis)',
    checked: '2026-12-04',
    source: 'cfn-lint 1.58.0 data (refreshed by its maintainers from the same API)',
    majorParts: 1,
    majors: 2,
    perMajor: 2,
    versions: ['7.1', '7.0', '6.2'],
  },
  mskKafka: {
    label: 'Amazon MSK (Apache Kafka)',
    api: 'kafka:ListKafkaVersions (state ACTIVE)',
    checked: '2026-12-04',
    source: 'the MSK developer guide’s “Supported Apache Kafka versions” (3.5.1 ended 2025-10-23, 3.6.0 2026-06-01)',
    majorParts: 1,
    majors: 2,
    perMajor: 3,
    versions: ['4.0.x', '3.9.x', '3.8.x', '3.7.x'],
  },
} as const satisfies Record<string, EngineVersionList>;

/** @public */
export type EngineListId = keyof typeof ENGINE_VERSIONS;

/** The major a version belongs to: 18 for 18.6, 8.4 for MySQL 8.4.11. @public */
export function engineMajor(id: EngineListId, version: string): string {
  return version.split('.').slice(0, ENGINE_VERSIONS[id].majorParts).join('.');
}

/** The default version of an engine: the newest of its newest major. @public */
export function defaultEngineVersion(id: EngineListId): string {
  return ENGINE_VERSIONS[id].versions[0];
}
