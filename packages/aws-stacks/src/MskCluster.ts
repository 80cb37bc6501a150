import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { z } from 'zod';
import { platformAlarms } from './alarms';
import { PLATFORM_REASONS, skipCheckov } from './nag';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';
import { resourceName } from './resourceName';
import { partRuleProblems, profileFacts } from './fieldRules';
import { ENGINE_VERSIONS } from './engineVersions';

/** Kafka versions MSK creates clusters with, newest first (from {@link ENGINE_VERSIONS}). @public */
export const KAFKA_VERSIONS = ENGINE_VERSIONS.mskKafka.versions;
/** @public */
export const KAFKA_INSTANCE_TYPES = ['kafka.t3.small', 'kafka.m5.large', 'kafka.m5.xlarge', 'kafka.m7g.large', 'kafka.m7g.xlarge'] as const;

/** @public */
export type KafkaInstanceType = (typeof KAFKA_INSTANCE_TYPES)[number];

/** @public */
export const mskClusterSchema = z
  .object({
    name: resourceName,
    environment: z.enum(ENVIRONMENT_PROFILES),
    kafkaVersion: z.enum(KAFKA_VERSIONS, { error: `kafkaVersion must be one of ${KAFKA_VERSIONS.join(', ')}.` }),
    brokers: z.number().int().min(2).max(30),
    /** The zones of the environment's network (its aws.portal/zones annotation); default: the profile's. Brokers spread evenly over them. */
    zones: z.number().int().min(2).max(3).nullish(),
    instanceType: z.enum(KAFKA_INSTANCE_TYPES, { error: `instanceType must be one of ${KAFKA_INSTANCE_TYPES.join(', ')}.` }).optional(),
    ebsVolumeGiB: z.number().int().min(1).max(16384),
    clientAuthentication: z.enum(['iam', 'tls'], { error: 'clientAuthentication must be iam or tls.' }).default('iam'),
    logRetentionDays: z.number().int().positive().optional(),
    /** What a topic gets when it is created without its own settings (the cluster's configuration). */
    topicDefaults: z
      .object({
        partitions: z.number().int().min(1).max(1000).default(3),
        /** Default: 3, or the number of brokers if fewer. */
        replicationFactor: z.number().int().min(1).max(30).nullish(),
        retentionHours: z.number().int().min(1).max(8760).default(168),
        compression: z.enum(['producer', 'lz4', 'snappy', 'zstd', 'gzip']).default('producer'),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    const answers = {
      brokers: p.brokers,
      topicReplicationFactor: p.topicDefaults.replicationFactor ?? 0,
      instanceType: p.instanceType,
    };
    for (const problem of partRuleProblems('kafka', answers, profileFacts(p.environment, p.zones))) ctx.addIssue({ code: 'custom', ...problem });
  });

/** @public */
export type MskClusterInput = z.input<typeof mskClusterSchema>;

/**
 * An Amazon MSK cluster: brokers spread over the data subnets of every AZ,
 * TLS between clients and brokers and inside the cluster, encryption at
 * rest, IAM or TLS client authentication, broker logs to CloudWatch, alarms.
 *
 * @public
 */
export class PlatformMskCluster extends Construct {
  readonly cluster: msk.CfnCluster;
  readonly clientSecurityGroup: ec2.SecurityGroup;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, input: MskClusterInput & { vpc: ec2.IVpc }) {
    super(scope, id);
    const { vpc } = input;
    const p = mskClusterSchema.parse(input);
    const profile = PROFILE_DEFAULTS[p.environment];
    const clusterName = `${p.name}-${p.environment}`;

    this.clientSecurityGroup = new ec2.SecurityGroup(this, 'Clients', { vpc, description: `Members may connect to ${clusterName}` });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc, description: `${clusterName}: only its client group may connect`, allowAllOutbound: false });
    sg.addIngressRule(this.clientSecurityGroup, ec2.Port.tcp(p.clientAuthentication === 'iam' ? 9098 : 9094), 'Clients over TLS');
    sg.addIngressRule(sg, ec2.Port.allTcp(), 'Brokers talk to each other');

    const brokerLogs = new logs.LogGroup(this, 'BrokerLogs', {
      logGroupName: `/msk/${clusterName}`,
      retention: (p.logRetentionDays ?? profile.logRetentionDays) as logs.RetentionDays,
      removalPolicy: profile.removalPolicy,
    });
    skipCheckov(brokerLogs, 'CKV_AWS_158', PLATFORM_REASONS.logsWithoutCustomerKey);

    // Topic defaults, and writes acknowledged by all but one in-sync replica.
    const t = p.topicDefaults;
    const replicationFactor = t.replicationFactor ?? Math.min(3, p.brokers);
    const configuration = new msk.CfnConfiguration(this, 'Configuration', {
      name: clusterName,
      description: `Topic defaults of ${clusterName}`,
      kafkaVersionsList: [p.kafkaVersion],
      serverProperties: [
        `num.partitions=${t.partitions}`,
        `default.replication.factor=${replicationFactor}`,
        `min.insync.replicas=${Math.max(1, Math.min(2, replicationFactor - 1))}`,
        `log.retention.ms=${t.retentionHours * 3_600_000}`,
        `compression.type=${t.compression}`,
        'auto.create.topics.enable=false',
      ].join('\n'),
    });

    this.cluster = new msk.CfnCluster(this, 'Cluster', {
      configurationInfo: { arn: configuration.attrArn, revision: configuration.attrLatestRevisionRevision },
      clusterName,
      kafkaVersion: p.kafkaVersion,
      numberOfBrokerNodes: p.brokers,
      brokerNodeGroupInfo: {
        instanceType: p.instanceType ?? profile.kafkaInstanceType,
        clientSubnets: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
        securityGroups: [sg.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: p.ebsVolumeGiB } },
      },
      encryptionInfo: {
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      clientAuthentication:
        p.clientAuthentication === 'iam'
          ? { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } }
          : { tls: { enabled: true }, unauthenticated: { enabled: false } },
      loggingInfo: {
        brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: brokerLogs.logGroupName } },
      },
      enhancedMonitoring: p.environment === 'production' ? 'PER_TOPIC_PER_BROKER' : 'PER_BROKER',
    });
    // MSK has no snapshot: staging keeps the cluster like production does.
    this.cluster.applyRemovalPolicy(profile.removalPolicy);

    this.alarms.push(...clusterAlarms(this, clusterName));
  }
}

/** The cluster's alarms: data disk, broker CPU, under-replicated partitions, and no active controller. */
function clusterAlarms(scope: Construct, clusterName: string): cloudwatch.Alarm[] {
  const metric = (name: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/Kafka', metricName: name, dimensionsMap: { 'Cluster Name': clusterName }, period: Duration.minutes(5), statistic });
  return platformAlarms(scope, clusterName, [
    { name: 'DiskUsed', metric: metric('KafkaDataLogsDiskUsed', 'Maximum'), threshold: 80, description: 'A broker’s data disk is more than 80 % full.' },
    { name: 'Cpu', metric: metric('CpuUser', 'Average'), threshold: 60, description: 'Broker CPU (user) above 60 %.' },
    { name: 'UnderReplicated', metric: metric('UnderReplicatedPartitions', 'Maximum'), threshold: 0, description: 'Partitions are under-replicated.' },
    { name: 'NoController', metric: metric('ActiveControllerCount', 'Sum'), threshold: 1, below: true, description: 'No active controller.' },
  ]);
}
