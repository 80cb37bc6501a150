import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { z } from 'zod';
import { platformAlarms } from './alarms';
import { acknowledge, PLATFORM_REASONS, skipCheckov } from './nag';
import { ENGINE_VERSIONS } from './engineVersions';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';
import { WEEKLY_WINDOW, WINDOW } from './windows';
import { partRuleProblems, profileFacts } from './fieldRules';

/** @public */
export const REDIS_NODE_TYPES = [
  'cache.t3.micro',
  'cache.t3.small',
  'cache.t3.medium',
  'cache.t4g.micro',
  'cache.t4g.small',
  'cache.t4g.medium',
  'cache.m6g.large',
  'cache.r6g.large',
  'cache.r6g.xlarge',
  'cache.r5.large',
] as const;

/** @public */
export type RedisNodeType = (typeof REDIS_NODE_TYPES)[number];

/**
 * The cache engines the platform offers: Valkey (ElastiCache's default for
 * new caches, priced below Redis OSS) and Redis OSS.
 *
 * @public
 */
export const CACHE_ENGINES = ['valkey', 'redis'] as const;

/** @public */
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/** Versions per cache engine, newest first (from {@link ENGINE_VERSIONS}). @public */
export const CACHE_ENGINE_VERSIONS: Record<CacheEngine, readonly string[]> = {
  valkey: ENGINE_VERSIONS.elasticacheValkey.versions,
  redis: ENGINE_VERSIONS.elasticacheRedis.versions,
};

/** Redis OSS versions, newest first. @public */
export const REDIS_ENGINE_VERSIONS = ENGINE_VERSIONS.elasticacheRedis.versions;

const ENGINE_TITLES: Record<CacheEngine, string> = { valkey: 'Valkey', redis: 'Redis OSS' };

/** @public */
export const redisCacheSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, {
      error: 'name must be 2–31 lowercase letters, digits or dashes, starting with a letter.',
    }),
    environment: z.enum(ENVIRONMENT_PROFILES),
    /** Redis OSS unless said: caches stamped before Valkey was offered keep their engine. */
    engine: z.enum(CACHE_ENGINES, { error: 'engine must be valkey or redis.' }).default('redis'),
    engineVersion: z.string(),
    nodeType: z.enum(REDIS_NODE_TYPES, { error: `nodeType must be one of ${REDIS_NODE_TYPES.join(', ')}.` }).optional(),
    /** Replicas per shard, 0–5. */
    replicas: z.number().int().min(0).max(5).optional(),
    /** Shards; more than 1 turns cluster mode on. */
    shards: z.number().int().min(1).max(90).default(1),
    multiAz: z.boolean().optional(),
    snapshotRetentionDays: z.number().int().min(0).max(35).default(7),
    snapshotWindow: z.string().regex(WINDOW, { error: 'snapshotWindow must look like 03:00-05:00 (UTC).' }).default('03:00-05:00'),
    /** The weekly window for patches and node replacement (the Redis seeds: sun:06:00-sun:07:00). */
    maintenanceWindow: z
      .string()
      .regex(WEEKLY_WINDOW, { error: 'maintenanceWindow must look like sun:06:00-sun:07:00 (UTC).' })
      .default('sun:06:00-sun:07:00'),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const versions = CACHE_ENGINE_VERSIONS[p.engine];
    if (!versions.includes(p.engineVersion)) {
      issue('engineVersion', `${ENGINE_TITLES[p.engine]} has no version ${p.engineVersion} here; choose one of ${versions.join(', ')}.`);
    }
    const profile = PROFILE_DEFAULTS[p.environment];
    const answers = {
      multiAz: p.multiAz ?? profile.multiAz,
      replicas: p.replicas ?? profile.cacheReplicas,
      cacheMaintenanceWindow: p.maintenanceWindow,
      snapshotWindow: p.snapshotWindow,
      snapshotRetentionDays: p.snapshotRetentionDays,
      nodeType: p.nodeType ?? profile.cacheNodeType,
      shards: p.shards,
    };
    for (const problem of partRuleProblems('cache', answers, profileFacts(p.environment))) ctx.addIssue({ code: 'custom', ...problem });
  });

/**
 * Why the AUTH token has no Secrets Manager rotation: it would change the
 * token under running clients (ElastiCache takes a new token only through a
 * replication-group update). It changes when the owners update the stack.
 */
const AUTH_TOKEN_NOT_ROTATED =
  'Nothing rotates the AUTH token on a schedule: Secrets Manager rotation would change it under running clients, since ElastiCache takes a new token only through an update of the replication group; it changes when the owners update the stack.';

/** @public */
export type RedisCacheInput = z.input<typeof redisCacheSchema>;

/**
 * An ElastiCache Valkey or Redis OSS replication group: encrypted at rest and in transit,
 * AUTH token from Secrets Manager, Multi-AZ with automatic failover where the
 * environment asks, snapshots, alarms. More than one shard is cluster mode.
 *
 * @public
 */
export class PlatformRedisCache extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly authToken: secretsmanager.Secret;
  readonly clientSecurityGroup: ec2.SecurityGroup;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, input: RedisCacheInput & { vpc: ec2.IVpc; notificationTopicArn?: string }) {
    super(scope, id);
    const { vpc } = input;
    const p = redisCacheSchema.parse(input);
    const profile = PROFILE_DEFAULTS[p.environment];
    const replicas = p.replicas ?? profile.cacheReplicas;
    const multiAz = p.multiAz ?? profile.multiAz;
    const id_ = `${p.name}-${p.environment}`;

    this.clientSecurityGroup = new ec2.SecurityGroup(this, 'Clients', { vpc, description: `Members may connect to ${id_}` });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc, description: `${id_}: only its client group may connect`, allowAllOutbound: false });
    sg.addIngressRule(this.clientSecurityGroup, ec2.Port.tcp(6379), 'From the client group only');

    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: `${id_} data subnets`,
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });

    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: `AUTH token of ${id_}`,
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      removalPolicy: profile.removalPolicy,
    });
    skipCheckov(this.authToken, 'CKV_AWS_149', PLATFORM_REASONS.secretWithAwsManagedKey);
    acknowledge(this.authToken, 'AwsSolutions-SMG4', AUTH_TOKEN_NOT_ROTATED);

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'Group', {
      replicationGroupId: id_,
      replicationGroupDescription: `${p.name} ${ENGINE_TITLES[p.engine]} (${p.environment})`,
      engine: p.engine,
      engineVersion: p.engineVersion,
      cacheNodeType: p.nodeType ?? profile.cacheNodeType,
      numNodeGroups: p.shards,
      replicasPerNodeGroup: replicas,
      multiAzEnabled: multiAz,
      automaticFailoverEnabled: multiAz || p.shards > 1,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authToken: this.authToken.secretValue.unsafeUnwrap(),
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [sg.securityGroupId],
      snapshotRetentionLimit: p.snapshotRetentionDays,
      snapshotWindow: p.snapshotRetentionDays > 0 ? p.snapshotWindow : undefined,
      preferredMaintenanceWindow: p.maintenanceWindow,
      autoMinorVersionUpgrade: true,
      port: 6379,
      // ElastiCache's own events (failover, node replacement) go where the alarms go.
      notificationTopicArn: input.notificationTopicArn,
    });
    this.replicationGroup.applyRemovalPolicy(profile.dataRemovalPolicy);
    acknowledge(this.replicationGroup, 'AwsSolutions-AEC5', 'Clients use the engine’s standard port (6379); the security group admits the client group only.');
    if (!multiAz) {
      // The schema refuses a single-AZ production cache, so this is development or staging.
      acknowledge(
        this.replicationGroup,
        'AwsSolutions-AEC4',
        p.multiAz === false
          ? `Single-AZ because its owner turned Multi-AZ off for this ${p.environment} cache; production caches are always Multi-AZ.`
          : `The ${p.environment} profile is single-AZ by design; production caches are always Multi-AZ.`,
      );
    }

    this.alarms.push(...cacheAlarms(this, id_, ENGINE_TITLES[p.engine]));
  }
}

/** The cache's alarms: engine CPU, memory, evictions and connections, on the replication group. */
function cacheAlarms(scope: Construct, replicationGroupId: string, engineTitle: string): cloudwatch.Alarm[] {
  const metric = (name: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/ElastiCache', metricName: name, dimensionsMap: { ReplicationGroupId: replicationGroupId }, period: Duration.minutes(5), statistic });
  return platformAlarms(scope, replicationGroupId, [
    { name: 'EngineCpu', metric: metric('EngineCPUUtilization', 'Average'), threshold: 80, description: `${engineTitle} engine CPU above 80 %.` },
    { name: 'Memory', metric: metric('DatabaseMemoryUsagePercentage', 'Average'), threshold: 80, description: 'Memory above 80 %.' },
    { name: 'Evictions', metric: metric('Evictions', 'Sum'), threshold: 100, description: 'More than 100 keys evicted in 5 minutes.' },
    { name: 'Connections', metric: metric('CurrConnections', 'Maximum'), threshold: 5000, description: 'More than 5,000 connections.' },
  ]);
}
