import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { z } from 'zod';
import { acknowledge, PLATFORM_REASONS, skipCheckov } from './nag';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';

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

/** @public */
export const REDIS_ENGINE_VERSIONS = ['6.2', '7.0', '7.1'] as const;

const WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** @public */
export const redisCacheSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, {
      error: 'name must be 2–31 lowercase letters, digits or dashes, starting with a letter.',
    }),
    environment: z.enum(ENVIRONMENT_PROFILES),
    engineVersion: z.enum(REDIS_ENGINE_VERSIONS, {
      error: `engineVersion must be one of ${REDIS_ENGINE_VERSIONS.join(', ')}.`,
    }),
    nodeType: z.enum(REDIS_NODE_TYPES, { error: `nodeType must be one of ${REDIS_NODE_TYPES.join(', ')}.` }).optional(),
    /** Replicas per shard, 0–5. */
    replicas: z.number().int().min(0).max(5).optional(),
    /** Shards; more than 1 turns cluster mode on. */
    shards: z.number().int().min(1).max(90).default(1),
    multiAz: z.boolean().optional(),
    snapshotRetentionDays: z.number().int().min(0).max(35).default(7),
    snapshotWindow: z.string().regex(WINDOW, { error: 'snapshotWindow must look like 03:00-05:00 (UTC).' }).default('03:00-05:00'),
  })
  .superRefine((p, ctx) => {
    const profile = PROFILE_DEFAULTS[p.environment];
    const replicas = p.replicas ?? profile.cacheReplicas;
    const multiAz = p.multiAz ?? profile.multiAz;
    if (multiAz && replicas === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['replicas'],
        message: 'Multi-AZ with automatic failover needs at least one replica; add a replica or turn Multi-AZ off.',
      });
    }
    if (p.nodeType?.startsWith('cache.t') && p.shards > 1 && p.environment === 'production') {
      ctx.addIssue({ code: 'custom', path: ['nodeType'], message: 'Burstable cache.t nodes are not offered for sharded production caches; choose cache.m6g or cache.r6g.' });
    }
  });

/** @public */
export type RedisCacheInput = z.input<typeof redisCacheSchema>;

/**
 * An ElastiCache Redis replication group: encrypted at rest and in transit,
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
    acknowledge(this.authToken, 'AwsSolutions-SMG4', 'Rotating a Redis AUTH token needs a coordinated client rollout; the platform rotates it with the service owners.');

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'Group', {
      replicationGroupId: id_,
      replicationGroupDescription: `${p.name} Redis (${p.environment})`,
      engine: 'redis',
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
      autoMinorVersionUpgrade: true,
      port: 6379,
      // ElastiCache's own events (failover, node replacement) go where the alarms go.
      notificationTopicArn: input.notificationTopicArn,
    });
    this.replicationGroup.applyRemovalPolicy(profile.dataRemovalPolicy);
    acknowledge(this.replicationGroup, 'AwsSolutions-AEC5', 'Clients use Redis’s standard port; the security group admits the client group only.');
    if (!multiAz) {
      acknowledge(this.replicationGroup, 'AwsSolutions-AEC4', `The ${p.environment} profile is single-AZ by design.`);
    }

    const metric = (name: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ElastiCache',
        metricName: name,
        dimensionsMap: { ReplicationGroupId: id_ },
        period: Duration.minutes(5),
        statistic,
      });
    const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    for (const [name, m, threshold, description] of [
      ['EngineCpu', metric('EngineCPUUtilization', 'Average'), 80, 'Redis engine CPU above 80 %.'],
      ['Memory', metric('DatabaseMemoryUsagePercentage', 'Average'), 80, 'Memory above 80 %.'],
      ['Evictions', metric('Evictions', 'Sum'), 100, 'More than 100 keys evicted in 5 minutes.'],
      ['Connections', metric('CurrConnections', 'Maximum'), 5000, 'More than 5,000 connections.'],
    ] as const) {
      this.alarms.push(
        new cloudwatch.Alarm(this, name, {
          alarmName: `${id_}-${name}`,
          alarmDescription: description,
          metric: m,
          threshold,
          evaluationPeriods: 3,
          comparisonOperator: GT,
        }),
      );
    }
  }
}
