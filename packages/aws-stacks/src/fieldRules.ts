import type { EnvironmentProfile } from './profiles';
import { ENVIRONMENT_PROFILES as PROFILES, PROFILE_DEFAULTS } from './profiles';
import { NO_PERFORMANCE_INSIGHTS } from './rdsParts';
import { type SubnetCidrs, subnetLayoutProblems } from './PlatformNetwork';
import { dailyMeetsWeekly, weeklyRange } from './windows';
import { arnIn } from './arns';
import { givenTwice, nameGivenTwice } from './nameValueRecord';

/**
 * What the chosen platform environment decides about a stack: its profile,
 * its zones and its Region, as its catalog entity's annotations say
 * (`aws.portal/environment`, `aws.portal/zones`, `aws.portal/region`).
 *
 * @public
 */
export interface EnvironmentFacts {
  /** Its profile: development, staging or production. */
  profile: EnvironmentProfile;
  /** The zones its network spans: 2 or 3. */
  zones: number;
  /** Its Region, e.g. us-east-1 (unknown to a schema that checks one part). */
  region?: string;
  /** Its account (unknown to a schema that checks one part). */
  account?: string;
  /** Where the entities the answers pick live, by the answer's field (a rule's `readsEntities`). */
  picked?: Record<string, PickedFacts>;
}

/**
 * Where an entity a form picks lives: the Region and account of its ARN
 * (`aws.portal/arns`), else of its `aws.portal/region` and
 * `aws.portal/account-id` annotations.
 *
 * @public
 */
export interface PickedFacts {
  region?: string;
  account?: string;
}

/**
 * The form's answers a rule reads, by the form's field names (0 or '' for a
 * setting that is off, as the forms take them).
 *
 * @public
 */
export type FieldAnswers = Record<string, unknown>;

/**
 * One refusal the forms make at a field and the stack schema makes at the
 * configuration: the same check and the same sentence in both places.
 *
 * @public
 */
export interface FieldRule {
  /** `<part>.<what>`, e.g. `kafka.brokers-per-zone`; the forms name it in `ui:options.rules`. */
  id: string;
  /** The part of a stack configuration it checks. */
  part: 'service' | 'database' | 'cache' | 'kafka' | 'platformEnvironment' | 'replica' | 'replicator';
  /** true: it reads the chosen environment's facts, so it answers only once one is chosen; the others read the answers alone. */
  readsEnvironment?: true;
  /** Answer fields holding entity refs whose Region and account it reads (`facts.picked`). */
  readsEntities?: readonly string[];
  /** The form field it shows at. */
  field: string;
  /** The configuration field (in its part) the schema refuses. */
  configField: string;
  /** What it refuses, in a few words (the README's table). */
  refuses: string;
  /** The sentence when the answers are refused, else undefined; silent while an answer it reads is missing. */
  check(answers: FieldAnswers, facts: EnvironmentFacts): string | undefined;
  /** Answers it refuses (the README's table and the tests). */
  example: { answers: FieldAnswers; facts: EnvironmentFacts };
}

const num = (a: FieldAnswers, key: string) => (typeof a[key] === 'number' ? (a[key] as number) : undefined);
const bool = (a: FieldAnswers, key: string) => (typeof a[key] === 'boolean' ? (a[key] as boolean) : undefined);
const str = (a: FieldAnswers, key: string) => (typeof a[key] === 'string' ? (a[key] as string) : undefined);

/** Every answer a rule reads, or undefined while one is missing. */
function all<T>(values: T): { [K in keyof T]: NonNullable<T[K]> } | undefined {
  return Object.values(values as object).every(v => v !== undefined) ? (values as { [K in keyof T]: NonNullable<T[K]> }) : undefined;
}

const DEV: EnvironmentFacts = { profile: 'development', zones: 2, region: 'us-east-1' };
const PROD: EnvironmentFacts = { profile: 'production', zones: 3, region: 'us-east-1' };

/**
 * A Secrets Manager secret's ARN in any partition (complete or partial,
 * without ECS's `:json-key:…` suffix, which the task's grant would not
 * match) or an SSM parameter's path.
 *
 * @public
 */
export const SECRET_SOURCE = /^(\/[\w\-./]+|arn:aws(-us-gov|-cn)?:secretsmanager:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:secret:[\w/+=.@-]+)$/;

/** Scaling in below a threshold only makes sense under the target the same metric scales out at. */
function scaleInRule(metric: 'cpu' | 'memory', title: string, field: string, targetField: string, example: [number, number]): FieldRule {
  return {
    id: `service.scale-in-below-${metric}-target`,
    part: 'service',
    field,
    configField: field,
    refuses: `a ${title} scale-in threshold at or above the ${title} target`,
    check(a) {
      const v = all({ below: num(a, field), target: num(a, targetField) });
      if (!v || !v.below || !v.target || v.below < v.target) return undefined;
      return `Scale in below ${title} % (${v.below}) must be under the ${v.target} % ${title} target, or tasks are added and removed in turn; try ${Math.max(1, Math.round(v.target / 2))}.`;
    },
    example: { answers: { [field]: example[0], [targetField]: example[1] }, facts: DEV },
  };
}

/** What only a service behind the load balancer has: the field's answer above 0 on a worker is refused. */
function needsLoadBalancer(id: string, field: string, configField: string, refuses: string, sentence: string, example: number): FieldRule {
  return {
    id,
    part: 'service',
    field,
    configField,
    refuses,
    check(a) {
      const v = all({ value: num(a, field), loadBalanced: bool(a, 'loadBalanced') });
      return v && v.value > 0 && !v.loadBalanced ? sentence : undefined;
    },
    example: { answers: { [field]: example, loadBalanced: false }, facts: DEV },
  };
}

/**
 * Names that say a variable holds a secret; such values come from Secrets
 * Manager or SSM, never as plain variables (what the ECS2 acknowledgement says).
 *
 * @public
 */
export const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL/i;

/** A list of names (variables, secrets, parameters) that gives one name twice. */
function namesOnce(id: string, part: FieldRule['part'], field: string, configField: string, title: string, name: string, from = false): FieldRule {
  return {
    id,
    part,
    field,
    configField,
    refuses: `a ${title.toLowerCase()} name given twice`,
    check(a) {
      const twice = nameGivenTwice(a[field]);
      return twice ? givenTwice(title, twice) : undefined;
    },
    example: { answers: { [field]: ['1', '2'].map(n => (from ? { name, from: `/app/secret-${n}` } : { name, value: n })) }, facts: DEV },
  };
}

const SERVICE_RULES: FieldRule[] = [
  {
    id: 'service.min-below-max',
    part: 'service',
    field: 'minCount',
    configField: 'minCount',
    refuses: 'more minimum tasks than maximum tasks',
    check(a) {
      const v = all({ min: num(a, 'minCount'), max: num(a, 'maxCount') });
      return v && v.min > v.max ? `Minimum tasks (${v.min}) is above maximum tasks (${v.max}); lower it to ${v.max} or raise the maximum.` : undefined;
    },
    example: { answers: { minCount: 4, maxCount: 2 }, facts: DEV },
  },
  {
    id: 'service.desired-within-range',
    part: 'service',
    field: 'desiredCount',
    configField: 'desiredCount',
    refuses: 'desired tasks outside minimum–maximum',
    check(a) {
      const v = all({ desired: num(a, 'desiredCount'), min: num(a, 'minCount'), max: num(a, 'maxCount') });
      if (!v || v.min > v.max || (v.desired >= v.min && v.desired <= v.max)) return undefined;
      return `Desired tasks (${v.desired}) must lie between the minimum (${v.min}) and the maximum (${v.max}); ${Math.min(Math.max(v.desired, v.min), v.max)} would do.`;
    },
    example: { answers: { desiredCount: 9, minCount: 2, maxCount: 6 }, facts: DEV },
  },
  scaleInRule('cpu', 'CPU', 'scaleInBelowCpuPercent', 'cpuTargetPercent', [80, 70]),
  scaleInRule('memory', 'memory', 'scaleInBelowMemoryPercent', 'memoryTargetPercent', [75, 75]),
  {
    id: 'service.spot-base-needs-spot',
    part: 'service',
    field: 'spotBaseTasks',
    configField: 'spotBaseTasks',
    refuses: 'base tasks on FARGATE_SPOT with no FARGATE_SPOT weight',
    check(a) {
      const v = all({ base: num(a, 'spotBaseTasks'), spot: num(a, 'spotPercent') });
      return v && v.base > 0 && v.spot === 0
        ? `Base tasks on FARGATE_SPOT (${v.base}) need a FARGATE_SPOT weight above 0 % (e.g. 50), or set them to 0.`
        : undefined;
    },
    example: { answers: { spotBaseTasks: 2, spotPercent: 0 }, facts: DEV },
  },
  {
    id: 'service.port-when-reached',
    part: 'service',
    field: 'containerPort',
    configField: 'containerPort',
    refuses: 'no container port on a service the load balancer or other services reach',
    check(a) {
      const v = all({ port: num(a, 'containerPort'), loadBalanced: bool(a, 'loadBalanced') });
      if (!v || v.port > 0 || !(v.loadBalanced || bool(a, 'internal'))) return undefined;
      return `A service ${v.loadBalanced ? 'behind the load balancer' : 'other services call'} needs the port it listens on (e.g. 8080); only a worker that nothing reaches goes without one.`;
    },
    example: { answers: { containerPort: 0, loadBalanced: true }, facts: DEV },
  },
  needsLoadBalancer(
    'service.requests-need-load-balancer',
    'requestsPerTargetPerMinute',
    'requestsPerTargetPerMinute',
    'scaling a worker on load-balancer requests',
    'A worker gets no requests from the load balancer; set target requests per task to 0 and scale it on CPU or on its own metric.',
    1000,
  ),
  needsLoadBalancer(
    'service.4xx-alarm-needs-load-balancer',
    'http4xxAlarmAbove',
    'http4xxAlarm',
    'a 4xx alarm on a worker',
    'A worker answers no requests through the load balancer, so it has no 4xx answers to alarm on; set the 4xx alarm to 0.',
    10,
  ),
  {
    id: 'service.scaling-signal',
    part: 'service',
    field: 'cpuTargetPercent',
    configField: 'cpuTargetPercent',
    refuses: 'a task range with no scaling signal',
    check(a) {
      const v = all({ min: num(a, 'minCount'), max: num(a, 'maxCount'), cpu: num(a, 'cpuTargetPercent') });
      if (!v || v.min === v.max) return undefined;
      const signals = [v.cpu, num(a, 'memoryTargetPercent'), num(a, 'requestsPerTargetPerMinute'), str(a, 'customMetricName')].filter(Boolean);
      return signals.length === 0
        ? `With no scaling signal (CPU, memory, requests or a custom metric) the service never moves between ${v.min} and ${v.max} tasks; set a target CPU % (e.g. 70), or the same minimum and maximum for a fixed count.`
        : undefined;
    },
    example: { answers: { minCount: 1, maxCount: 4, cpuTargetPercent: 0, memoryTargetPercent: 0, requestsPerTargetPerMinute: 0 }, facts: DEV },
  },
  {
    id: 'service.no-secret-in-plain-variable',
    part: 'service',
    field: 'environmentVariables',
    configField: 'environmentVariables',
    refuses: 'a plain environment variable whose name says it holds a secret',
    check(a) {
      const list = a.environmentVariables;
      // The form's list of { name, value }, or the configuration's record.
      let names: unknown[] = [];
      if (Array.isArray(list)) names = list.map(v => (v as { name?: unknown })?.name);
      else if (list && typeof list === 'object') names = Object.keys(list);
      const secret = names.find((n): n is string => typeof n === 'string' && SECRET_NAME.test(n));
      return secret
        ? `${secret} looks like a secret, and plain variables show in the task definition to anyone who may read it; give it under Secrets (from Secrets Manager or SSM Parameter Store) instead.`
        : undefined;
    },
    example: { answers: { environmentVariables: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }, facts: DEV },
  },
  {
    id: 'service.secret-source',
    part: 'service',
    field: 'secrets',
    configField: 'secrets',
    refuses: 'a secret that is neither a Secrets Manager ARN nor an SSM parameter path',
    check(a) {
      const secrets = Array.isArray(a.secrets) ? (a.secrets as Array<{ name?: unknown; from?: unknown }>) : undefined;
      const bad = secrets?.find(s => typeof s?.from === 'string' && !SECRET_SOURCE.test(s.from));
      const example = arnIn('us-east-1', 'secretsmanager', '111111111111', 'secret:crm/db-AbCdEf');
      return bad
        ? `Secret ${String(bad.name ?? '')} comes from "${String(bad.from)}", which is neither a Secrets Manager ARN (${example}) nor an SSM parameter path (/crm/core/db-url).`
        : undefined;
    },
    // A secret's name where its ARN belongs.
    example: { answers: { secrets: [{ name: 'DB_PASSWORD', from: 'crm/db-password' }] }, facts: DEV },
  },
  namesOnce('service.variable-names-once', 'service', 'environmentVariables', 'environmentVariables', 'Environment variable', 'PORT'),
  namesOnce('service.secret-names-once', 'service', 'secrets', 'secrets', 'Secret', 'DB_PASSWORD', true),
];

const DATABASE_RULES: FieldRule[] = [
  {
    id: 'database.max-storage-above-storage',
    part: 'database',
    field: 'maxAllocatedStorageGiB',
    configField: 'maxAllocatedStorageGiB',
    refuses: 'a storage autoscaling ceiling below the storage',
    check(a) {
      const v = all({ max: num(a, 'maxAllocatedStorageGiB'), size: num(a, 'allocatedStorageGiB') });
      return v && v.max < v.size ? `Storage may grow to ${v.max} GiB, below the ${v.size} GiB it starts with; set it to ${v.size} or more.` : undefined;
    },
    example: { answers: { maxAllocatedStorageGiB: 50, allocatedStorageGiB: 100 }, facts: DEV },
  },
  {
    id: 'database.class-has-performance-insights',
    readsEnvironment: true,
    part: 'database',
    field: 'instanceClass',
    configField: 'instanceClass',
    refuses: 'an instance class without Performance Insights where the profile turns it on',
    check(a, facts) {
      const cls = str(a, 'instanceClass');
      const on = bool(a, 'performanceInsights') ?? PROFILE_DEFAULTS[facts.profile].performanceInsights;
      if (!cls || !on || !NO_PERFORMANCE_INSIGHTS.has(cls)) return undefined;
      return `A ${facts.profile} database has Performance Insights, which ${cls} lacks; choose ${cls.replace(/\.(micro|small)$/, '.medium')} or larger.`;
    },
    example: { answers: { instanceClass: 'db.t3.micro' }, facts: PROD },
  },
  {
    id: 'database.master-username-not-reserved',
    part: 'database',
    field: 'masterUsername',
    configField: 'masterUsername',
    refuses: 'a master user name the engine reserves',
    check(a) {
      const name = str(a, 'masterUsername');
      return name && ['postgres', 'rdsadmin', 'root'].includes(name.toLowerCase())
        ? `${name} is a name the engine reserves (as it does postgres, rdsadmin and root); choose another master user name, e.g. app_admin.`
        : undefined;
    },
    example: { answers: { masterUsername: 'postgres' }, facts: DEV },
  },
  {
    id: 'database.backup-copy-elsewhere',
    readsEnvironment: true,
    part: 'database',
    field: 'replicateBackups',
    configField: 'backupReplicationRegion',
    refuses: "copying backups without a DR Region, or to the database's own Region",
    check(a, facts) {
      if (bool(a, 'replicateBackups') !== true) return undefined;
      const dr = str(a, 'drRegion') ?? '';
      if (!dr) return 'Copying backups to the DR Region needs a DR Region; choose one on the Where it runs page (e.g. us-west-2), or stop copying.';
      return dr === facts.region
        ? `Backups are copied to another Region than the database's own (${dr}); choose a different DR Region, e.g. ${dr === 'us-west-2' ? 'us-east-1' : 'us-west-2'}.`
        : undefined;
    },
    example: { answers: { replicateBackups: true, drRegion: 'us-east-1' }, facts: DEV },
  },
  namesOnce('database.parameter-names-once', 'database', 'parameters', 'parameters', 'Parameter', 'work_mem'),
  namesOnce('database.replica-parameter-names-once', 'database', 'readReplicaParameters', 'readReplica.parameters', 'Read replica parameter', 'work_mem'),
];

const CACHE_RULES: FieldRule[] = [
  {
    id: 'cache.production-multi-az',
    readsEnvironment: true,
    part: 'cache',
    field: 'multiAz',
    configField: 'multiAz',
    refuses: 'a production cache without Multi-AZ',
    check(a, facts) {
      return facts.profile === 'production' && bool(a, 'multiAz') === false
        ? 'A production cache is Multi-AZ with automatic failover; leave Multi-AZ on, or stamp the cache into a development or staging environment.'
        : undefined;
    },
    example: { answers: { multiAz: false }, facts: PROD },
  },
  {
    id: 'cache.multi-az-needs-replica',
    readsEnvironment: true,
    part: 'cache',
    field: 'replicas',
    configField: 'replicas',
    refuses: 'Multi-AZ (always on in production) with no replica',
    check(a, facts) {
      const replicas = num(a, 'replicas');
      const multiAz = facts.profile === 'production' || bool(a, 'multiAz') === true;
      // A production cache with Multi-AZ off hears of that first (cache.production-multi-az).
      if (replicas !== 0 || !multiAz || bool(a, 'multiAz') === false) return undefined;
      return facts.profile === 'production'
        ? 'A production cache is Multi-AZ with automatic failover, which needs at least one replica; set replicas to 1 or more.'
        : 'Multi-AZ with automatic failover needs at least one replica; add a replica or turn Multi-AZ off.';
    },
    example: { answers: { replicas: 0, multiAz: true }, facts: PROD },
  },
  {
    id: 'cache.maintenance-window',
    part: 'cache',
    field: 'cacheMaintenanceWindow',
    configField: 'maintenanceWindow',
    refuses: 'a maintenance window under an hour, or one that meets the snapshot window',
    check(a) {
      const window = str(a, 'cacheMaintenanceWindow');
      const range = window ? weeklyRange(window) : undefined;
      if (!window || !range) return undefined;
      if (range[1] - range[0] < 60) return `ElastiCache needs a maintenance window of at least an hour; ${window} is shorter (try sun:06:00-sun:07:00).`;
      const snapshot = str(a, 'snapshotWindow');
      const snapshots = num(a, 'snapshotRetentionDays') ?? 1;
      return snapshot && snapshots > 0 && dailyMeetsWeekly(snapshot, range)
        ? `The maintenance window ${window} overlaps the daily snapshot window ${snapshot}; ElastiCache refuses that (try sun:06:00-sun:07:00).`
        : undefined;
    },
    example: { answers: { cacheMaintenanceWindow: 'sun:04:00-sun:05:00', snapshotWindow: '03:00-05:00', snapshotRetentionDays: 7 }, facts: DEV },
  },
  {
    id: 'cache.node-type-for-shards',
    readsEnvironment: true,
    part: 'cache',
    field: 'nodeType',
    configField: 'nodeType',
    refuses: 'a burstable node type for a sharded production cache',
    check(a, facts) {
      const v = all({ nodeType: str(a, 'nodeType'), shards: num(a, 'shards') });
      return v && facts.profile === 'production' && v.shards > 1 && v.nodeType.startsWith('cache.t')
        ? `${v.nodeType} is burstable, which ElastiCache does not offer for a sharded production cache; choose cache.m6g.large or cache.r6g.large, or keep 1 shard.`
        : undefined;
    },
    example: { answers: { nodeType: 'cache.t4g.small', shards: 3 }, facts: PROD },
  },
];

const KAFKA_RULES: FieldRule[] = [
  {
    id: 'kafka.brokers-per-zone',
    readsEnvironment: true,
    part: 'kafka',
    field: 'brokers',
    configField: 'brokers',
    refuses: "a broker count that is not a multiple of the environment's zones",
    check(a, facts) {
      const brokers = num(a, 'brokers');
      if (brokers === undefined || brokers % facts.zones === 0) return undefined;
      const lower = brokers - (brokers % facts.zones);
      const choices = [lower, lower + facts.zones].filter(n => n >= facts.zones);
      return `MSK spreads brokers evenly over the environment's ${facts.zones} zones; ${brokers} brokers is not a multiple of ${facts.zones} (choose ${choices.join(' or ')}).`;
    },
    // The ApexAI seed's production runs over two zones.
    example: { answers: { brokers: 3 }, facts: { profile: 'production', zones: 2, region: 'us-east-1' } },
  },
  {
    id: 'kafka.replication-within-brokers',
    part: 'kafka',
    field: 'topicReplicationFactor',
    configField: 'topicDefaults.replicationFactor',
    refuses: 'a topic replication factor above the broker count',
    check(a) {
      const v = all({ factor: num(a, 'topicReplicationFactor'), brokers: num(a, 'brokers') });
      return v && v.factor > v.brokers
        ? `A replication factor of ${v.factor} needs as many brokers; the cluster has ${v.brokers} (choose ${v.brokers} or fewer, or 0 for the default).`
        : undefined;
    },
    example: { answers: { topicReplicationFactor: 4, brokers: 2 }, facts: DEV },
  },
  {
    id: 'kafka.production-instance-type',
    readsEnvironment: true,
    part: 'kafka',
    field: 'instanceType',
    configField: 'instanceType',
    refuses: 'kafka.t3.small in production',
    check(a, facts) {
      return facts.profile === 'production' && str(a, 'instanceType') === 'kafka.t3.small'
        ? 'kafka.t3.small is for development only; choose kafka.m5.large or larger for production.'
        : undefined;
    },
    example: { answers: { instanceType: 'kafka.t3.small' }, facts: PROD },
  },
];

/** Another Region than `region`, to name in a sentence. */
const otherRegion = (region: string) => (region === 'us-west-2' ? 'us-east-1' : 'us-west-2');

/** A picked entity's Region against the chosen environment's: refused when they are equal (`same`) or when they differ. */
function regionRule(
  id: string,
  part: FieldRule['part'],
  field: string,
  configField: string,
  refuses: string,
  same: boolean,
  sentence: (picked: string, environment: string) => string,
  example: { answers: FieldAnswers; facts: EnvironmentFacts },
): FieldRule {
  return {
    id, part, field, configField, refuses, example,
    readsEnvironment: true,
    readsEntities: [field],
    check(a, facts) {
      const picked = a[field] ? facts.picked?.[field]?.region : undefined;
      if (!picked || !facts.region || (picked === facts.region) !== same) return undefined;
      return sentence(picked, facts.region);
    },
  };
}

/** A picked entity in another account than the chosen environment's. */
function accountRule(id: string, part: FieldRule['part'], field: string, configField: string, sentence: (picked: string, environment: string) => string, example: { answers: FieldAnswers; facts: EnvironmentFacts }): FieldRule {
  return {
    id, part, field, configField, example,
    readsEnvironment: true,
    readsEntities: [field],
    refuses: "an entity in another account than the environment's",
    check(a, facts) {
      const picked = a[field] ? facts.picked?.[field]?.account : undefined;
      return picked && facts.account && picked !== facts.account ? sentence(picked, facts.account) : undefined;
    },
  };
}

// The demo catalog's analytics and What If accounts (the templates test runs these examples).
const ANALYTICS_EAST: EnvironmentFacts = { profile: 'production', zones: 3, region: 'us-east-1', account: '333333333333' };
const ANALYTICS_WEST: EnvironmentFacts = { ...ANALYTICS_EAST, region: 'us-west-2' };
const WHATIF_WEST: EnvironmentFacts = { profile: 'production', zones: 3, region: 'us-west-2', account: '222222222222' };
const KAFKA_EAST = { region: 'us-east-1', account: '333333333333' };
const KAFKA_WEST = { region: 'us-west-2', account: '333333333333' };

const REPLICA_RULES: FieldRule[] = [
  regionRule(
    'replica.source-in-another-region', 'replica', 'sourceDatabase', 'sourceDatabaseArn',
    "a source database in the chosen environment's own Region", true,
    region => `The source database is in ${region}, the chosen environment's Region; a cross-Region replica goes into an environment of another Region: choose one in its DR Region, e.g. ${otherRegion(region)}.`,
    { answers: { sourceDatabase: 'resource:default/analytics-postgres' }, facts: { ...ANALYTICS_EAST, picked: { sourceDatabase: KAFKA_EAST } } },
  ),
  accountRule(
    'replica.source-same-account', 'replica', 'sourceDatabase', 'sourceDatabaseArn',
    (source, environment) => `The source database is in account ${source} and the chosen environment in ${environment}; RDS replicates within one account, so choose an environment of account ${source}.`,
    { answers: { sourceDatabase: 'resource:default/analytics-postgres' }, facts: { ...WHATIF_WEST, picked: { sourceDatabase: KAFKA_EAST } } },
  ),
  namesOnce('replica.parameter-names-once', 'replica', 'parameters', 'parameters', 'Parameter', 'work_mem'),
];

const REPLICATOR_RULES: FieldRule[] = [
  regionRule(
    'replicator.source-in-another-region', 'replicator', 'sourceCluster', 'sourceClusterArn',
    "a source cluster in the chosen environment's own Region", true,
    region => `The source cluster is in ${region}, the chosen environment's Region; the replicator runs in its target's Region and copies from another: choose a source cluster outside ${region}, or an environment in the target's Region.`,
    { answers: { sourceCluster: 'resource:default/analytics-kafka' }, facts: { ...ANALYTICS_EAST, picked: { sourceCluster: KAFKA_EAST } } },
  ),
  regionRule(
    'replicator.target-in-environment-region', 'replicator', 'targetCluster', 'targetClusterArn',
    "a target cluster outside the chosen environment's Region", false,
    (target, environment) => `The target cluster is in ${target} and the chosen environment in ${environment}; the replicator runs in its target's Region, so choose an environment in ${target}.`,
    { answers: { targetCluster: 'resource:default/analytics-kafka' }, facts: { ...ANALYTICS_WEST, picked: { targetCluster: KAFKA_EAST } } },
  ),
  ...(['source', 'target'] as const).map(which =>
    accountRule(
      `replicator.${which}-same-account`, 'replicator', `${which}Cluster`, `${which}ClusterArn`,
      (cluster, environment) => `The ${which} cluster is in account ${cluster} and the chosen environment in ${environment}; MSK Replicator copies between clusters of one account, so choose a ${which} cluster of account ${environment}.`,
      {
        answers: { [`${which}Cluster`]: `resource:default/${which === 'source' ? 'analytics-kafka' : 'analytics-kafka-dr'}` },
        facts: { ...WHATIF_WEST, picked: { [`${which}Cluster`]: which === 'source' ? KAFKA_EAST : KAFKA_WEST } },
      },
    ),
  ),
];

/** A platform environment's own subnet blocks, group by group, against its VPC CIDR and zones (its form's answers). */
function subnetRule(group: keyof SubnetCidrs, field: string, broken: string[]): FieldRule {
  return {
    id: `network.${group}-subnets`,
    part: 'platformEnvironment',
    field,
    configField: `subnetCidrs.${group}`,
    refuses: `${group} subnet blocks: not one per zone, not a /16–/28, outside the VPC, or overlapping another`,
    check(a) {
      const list = (key: string) => (Array.isArray(a[key]) ? (a[key] as unknown[]).filter((c): c is string => typeof c === 'string') : []);
      const layout = { public: list('publicSubnetCidrs'), private: list('privateSubnetCidrs'), data: list('dataSubnetCidrs') };
      const cidr = str(a, 'cidr');
      const profile = PROFILES.find(p => p === a.environment);
      if (!cidr || !profile || layout.public.length + layout.private.length + layout.data.length === 0) return undefined;
      if (layout[group].length > 3) return `${group} subnets: one block per zone, at most 3; ${layout[group].length} given.`;
      const zones = Number(a.zones) || PROFILE_DEFAULTS[profile].availabilityZones;
      const problems = subnetLayoutProblems(cidr, zones, layout).filter(p => p.group === group);
      return problems.length ? problems.map(p => p.message).join(' ') : undefined;
    },
    example: {
      answers: {
        environment: 'production',
        cidr: '10.0.0.0/16',
        zones: '',
        publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
        privateSubnetCidrs: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'],
        dataSubnetCidrs: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
        [field]: broken,
      },
      facts: PROD,
    },
  };
}

const NETWORK_RULES: FieldRule[] = [
  subnetRule('public', 'publicSubnetCidrs', ['10.1.1.0/24', '10.0.2.0/24', '10.0.3.0/24']),
  subnetRule('private', 'privateSubnetCidrs', ['10.0.1.0/24', '10.0.12.0/24', '10.0.13.0/24']),
  subnetRule('data', 'dataSubnetCidrs', ['10.0.21.0/24', '10.0.22.0/24']),
];

/**
 * Every refusal the forms make at a field, each also made by the stack
 * schema (the forms name them in `ui:options.rules` of the AwsStackChecked
 * field).
 *
 * @public
 */
export const FIELD_RULES: readonly FieldRule[] = [
  ...SERVICE_RULES,
  ...DATABASE_RULES,
  ...CACHE_RULES,
  ...KAFKA_RULES,
  ...NETWORK_RULES,
  ...REPLICA_RULES,
  ...REPLICATOR_RULES,
];

/**
 * The sentences of the rules that refuse the answers, by rule id; an id no
 * rule has is an error (a form naming a rule that does not exist).
 *
 * @public
 */
export function fieldRuleProblems(ids: readonly string[], answers: FieldAnswers, facts: EnvironmentFacts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    const rule = FIELD_RULES.find(r => r.id === id);
    if (!rule) throw new Error(`There is no field rule ${id}; the rules are ${FIELD_RULES.map(r => r.id).join(', ')}.`);
    const problem = rule.check(answers, facts);
    if (problem) out[id] = problem;
  }
  return out;
}

/**
 * The part's refusals from the rules, as the schema reports them: a
 * configuration field and a sentence.
 *
 * @internal
 */
export function partRuleProblems(part: FieldRule['part'], answers: FieldAnswers, facts: EnvironmentFacts) {
  return FIELD_RULES.filter(r => r.part === part).flatMap(rule => {
    const message = rule.check(answers, facts);
    return message ? [{ path: rule.configField.split('.'), message }] : [];
  });
}

/**
 * An environment's facts from its profile, with its zones when known (else
 * the profile's: 2, or 3 in production).
 *
 * @public
 */
export function profileFacts(profile: EnvironmentProfile, zones?: number | null, region?: string): EnvironmentFacts {
  return { profile, zones: zones ?? PROFILE_DEFAULTS[profile].availabilityZones, region };
}
