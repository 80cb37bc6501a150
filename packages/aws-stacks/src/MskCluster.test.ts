import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cfnLintErrors, checkovFailures, expectEveryFieldToMatter, synthWithNag } from './__testUtils__/synthCheck';
import { mskClusterSchema, PlatformMskCluster, type MskClusterInput } from './MskCluster';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS, type EnvironmentProfile } from './profiles';
import { applyPlatformTags } from './tags';

jest.setTimeout(120_000);

/** The analytics seed's cluster, scaled to the profile's AZ count. */
const analyticsKafka = (environment: EnvironmentProfile): MskClusterInput => ({
  name: 'analytics-kafka',
  environment,
  kafkaVersion: '3.7.x',
  brokers: PROFILE_DEFAULTS[environment].availabilityZones,
  instanceType: environment === 'development' ? 'kafka.t3.small' : 'kafka.m5.large',
  ebsVolumeGiB: 100,
});

function build(input: MskClusterInput) {
  return (stack: Stack) => {
    const network = new PlatformNetwork(stack, 'Network', { environment: input.environment as EnvironmentProfile });
    const cluster = new PlatformMskCluster(stack, 'Kafka', { ...input, vpc: network.vpc });
    applyPlatformTags(stack, {
      project: 'Analytics',
      environment: input.environment as EnvironmentProfile,
      component: 'kafka',
      owner: 'analytics@example.com',
      costCenter: 'data-platform',
      entityRef: 'resource:default/analytics-kafka',
    });
    return cluster;
  };
}

describe.each(ENVIRONMENT_PROFILES)('MSK cluster (%s)', environment => {
  const { template } = synthWithNag(build(analyticsKafka(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions and cfn-lint, and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('spreads brokers, encrypts in transit and in cluster, authenticates clients and logs', () => {
    t.hasResourceProperties('AWS::MSK::Cluster', {
      ClusterName: `analytics-kafka-${environment}`,
      KafkaVersion: '3.7.x',
      NumberOfBrokerNodes: PROFILE_DEFAULTS[environment].availabilityZones,
      BrokerNodeGroupInfo: Match.objectLike({
        StorageInfo: { EBSStorageInfo: { VolumeSize: 100 } },
      }),
      EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
      ClientAuthentication: Match.objectLike({ Unauthenticated: { Enabled: false } }),
      LoggingInfo: { BrokerLogs: { CloudWatchLogs: Match.objectLike({ Enabled: true }) } },
      Tags: Match.objectLike({ CostCenter: 'data-platform' }),
    });
    for (const name of ['DiskUsed', 'Cpu', 'UnderReplicated', 'NoController']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `analytics-kafka-${environment}-${name}` });
    }
  });
});

it('gives new topics the analytics seed’s settings: 10 partitions, 3 replicas, 3 days, lz4', () => {
  const { template } = synthWithNag(build({ ...analyticsKafka('production'), topicDefaults: { partitions: 10, replicationFactor: 3, retentionHours: 72, compression: 'lz4' } }));
  expect(cfnLintErrors(template)).toEqual([]);
  const t = Template.fromJSON(template);
  t.hasResourceProperties('AWS::MSK::Configuration', {
    KafkaVersionsList: ['3.7.x'],
    ServerProperties: [
      'num.partitions=10',
      'default.replication.factor=3',
      'min.insync.replicas=2',
      'log.retention.ms=259200000',
      'compression.type=lz4',
      'auto.create.topics.enable=false',
    ].join('\n'),
  });
  t.hasResourceProperties('AWS::MSK::Cluster', { ConfigurationInfo: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Configuration'), 'Arn'] }, Revision: Match.anyValue() } });
  // Two brokers (development): two replicas unless the form says otherwise.
  const dev = Template.fromJSON(synthWithNag(build(analyticsKafka('development'))).template);
  dev.hasResourceProperties('AWS::MSK::Configuration', { ServerProperties: Match.stringLikeRegexp('default.replication.factor=2\nmin.insync.replicas=1') });
});

it('changes the template with every field', () => {
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, analyticsKafka('production'), [
    { name: 'events' },
    { kafkaVersion: '3.8.x' },
    { brokers: 6 },
    { instanceType: 'kafka.m5.xlarge' },
    { ebsVolumeGiB: 500 },
    { clientAuthentication: 'tls' },
    { logRetentionDays: 90 },
    { topicDefaults: { partitions: 10 } },
    { topicDefaults: { replicationFactor: 2 } },
    { topicDefaults: { retentionHours: 72 } },
    { topicDefaults: { compression: 'lz4' } },
  ]);
});

describe('mskClusterSchema', () => {
  it.each([
    [{ brokers: 4 }, "MSK spreads brokers evenly over the environment's 3 zones; 4 brokers is not a multiple of 3 (choose 3 or 6)."],
    [{ instanceType: 'kafka.t3.small' }, 'kafka.t3.small is for development only; choose kafka.m5.large or larger for production.'],
    [{ kafkaVersion: '2.0.0' }, 'kafkaVersion must be one of 4.0.x, 3.9.x, 3.8.x, 3.7.x.'],
    [{ topicDefaults: { replicationFactor: 4 } }, 'A replication factor of 4 needs as many brokers; the cluster has 3 (choose 3 or fewer, or 0 for the default).'],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = mskClusterSchema.safeParse({ ...analyticsKafka('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(sentence);
  });
});
