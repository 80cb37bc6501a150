import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkovFailures, cfnLintErrors, expectEveryFieldToMatter, synthWithNag } from './__testUtils__/synthCheck';
import { estimateMonthlyCost } from './estimate';
import { PlatformMskReplicator, type MskReplicatorInput, mskReplicatorSchema, parseMskClusterArn } from './MskReplicator';
import { createPlatformApp, parsePlatformStackConfig, type PlatformStackConfig } from './platformStack';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';

jest.setTimeout(120_000);

const SOURCE = 'arn:aws:kafka:us-west-2:111111111111:cluster/analytics-kafka/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a-2';
const TARGET = 'arn:aws:kafka:us-east-1:111111111111:cluster/analytics-kafka-dr/7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d-1';

/** Seed 004's MirrorMaker 2 to the DR Region, as an MSK Replicator: every topic and group, lz4 as the seed's topics. */
const analyticsMirror = (environment: EnvironmentProfile): MskReplicatorInput => ({
  name: 'analytics-mirror',
  environment,
  sourceClusterArn: SOURCE,
  sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'],
  sourceSecurityGroupIds: ['sg-0a1b2c3d'],
  targetClusterArn: TARGET,
  targetSecurityGroupIds: ['sg-1b2c3d4e'],
  compression: 'LZ4',
  maxLatencySeconds: 300,
});

function build(input: MskReplicatorInput) {
  return (stack: Stack) => {
    const network = new PlatformNetwork(stack, 'Network', { environment: input.environment as EnvironmentProfile });
    return new PlatformMskReplicator(stack, 'Mirror', { ...input, vpc: network.vpc });
  };
}

describe.each(ENVIRONMENT_PROFILES)('MSK Replicator (%s)', environment => {
  const { template } = synthWithNag(build(analyticsMirror(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions, cfn-lint and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('copies every topic with its configuration and every group’s offsets, names kept, from the source to the target', () => {
    t.hasResourceProperties('AWS::MSK::Replicator', {
      ReplicatorName: `analytics-mirror-${environment}`,
      KafkaClusters: [
        { AmazonMskCluster: { MskClusterArn: SOURCE }, VpcConfig: { SubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'], SecurityGroupIds: ['sg-0a1b2c3d'] } },
        { AmazonMskCluster: { MskClusterArn: TARGET }, VpcConfig: { SubnetIds: Match.anyValue(), SecurityGroupIds: ['sg-1b2c3d4e'] } },
      ],
      ReplicationInfoList: [
        {
          SourceKafkaClusterArn: SOURCE,
          TargetKafkaClusterArn: TARGET,
          TargetCompressionType: 'LZ4',
          TopicReplication: Match.objectLike({
            TopicsToReplicate: ['.*'],
            CopyTopicConfigurations: true,
            DetectAndCopyNewTopics: true,
            StartingPosition: { Type: 'EARLIEST' },
            TopicNameConfiguration: { Type: 'IDENTICAL' },
          }),
          ConsumerGroupReplication: Match.objectLike({ ConsumerGroupsToReplicate: ['.*'], SynchroniseConsumerGroupOffsets: true }),
        },
      ],
    });
  });

  it('runs as a role that may read the source and write the target only', () => {
    const [policy] = Object.values<any>(t.findResources('AWS::IAM::Role')).flatMap(r => r.Properties.Policies ?? []);
    const statements: Array<{ Action: string | string[]; Resource: string | string[] }> = policy.PolicyDocument.Statement;
    const resourcesOf = (action: string) => statements.filter(s => [s.Action].flat().includes(action)).flatMap(s => [s.Resource].flat());
    expect(resourcesOf('kafka-cluster:WriteData')).toEqual(['arn:aws:kafka:us-east-1:111111111111:topic/analytics-kafka-dr/*']);
    expect(resourcesOf('kafka-cluster:ReadData').sort()).toEqual([
      'arn:aws:kafka:us-east-1:111111111111:topic/analytics-kafka-dr/*',
      'arn:aws:kafka:us-west-2:111111111111:topic/analytics-kafka/*',
    ]);
    expect(resourcesOf('kafka-cluster:AlterCluster')).toEqual([TARGET]);
    t.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'kafka.amazonaws.com' } })] }) });
  });

  it('alarms when records take longer than the RPO to arrive, and on failures', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `analytics-mirror-${environment}-ReplicationLatency`,
      Namespace: 'AWS/Kafka',
      MetricName: 'ReplicationLatency',
      Dimensions: [{ Name: 'ReplicatorName', Value: `analytics-mirror-${environment}` }],
      Threshold: 300_000,
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `analytics-mirror-${environment}-ReplicatorFailure`, Threshold: 0 });
  });
});

it('changes the template with every field', () => {
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, analyticsMirror('production'), [
    { name: 'orders-mirror' },
    { sourceClusterArn: SOURCE.replace('analytics-kafka/', 'orders-kafka/') },
    { sourceSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] },
    { sourceSecurityGroupIds: ['sg-0f0f0f0f'] },
    { targetClusterArn: TARGET.replace('analytics-kafka-dr/', 'orders-kafka-dr/') },
    { targetSecurityGroupIds: ['sg-0e0e0e0e'] },
    { topics: ['analytics-.*'] },
    { topicsToExclude: ['__.*'] },
    { consumerGroups: ['analytics-consumers'] },
    { compression: 'ZSTD' },
    { startingPosition: 'LATEST' },
    { identicalTopicNames: false },
    { maxLatencySeconds: 60 },
  ]);
});

describe('mskReplicatorSchema', () => {
  it.each([
    [{ sourceClusterArn: 'analytics-kafka' }, expect.stringMatching(/^sourceClusterArn must be an MSK cluster ARN/)],
    [{ sourceSubnetIds: ['subnet-0a1b2c3d'] }, 'the source cluster’s subnets: at least two, in different Availability Zones.'],
    [{ targetSecurityGroupIds: ['default'] }, 'each security group must be an id such as sg-0a1b2c3d.'],
    [{ compression: 'BROTLI' }, 'compression must be one of NONE, GZIP, SNAPPY, LZ4, ZSTD.'],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = mskReplicatorSchema.safeParse({ ...analyticsMirror('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContainEqual(sentence);
  });

  it('reads a cluster ARN', () => {
    expect(parseMskClusterArn(SOURCE)).toEqual({ region: 'us-west-2', account: '111111111111', name: 'analytics-kafka' });
    expect(parseMskClusterArn('arn:aws:kafka:us-west-2:111111111111:topic/analytics-kafka/x/y')).toBeUndefined();
  });
});

describe('as a stack in the DR Region’s environment', () => {
  /** The analytics seed's Kafka is in us-east-1; its mirror runs in us-west-2, where the target cluster is. */
  const config: PlatformStackConfig = {
    kind: 'msk-replicator',
    stackName: 'analytics-mirror-production',
    account: '111111111111',
    region: 'us-west-2',
    environment: 'production',
    environmentName: 'analytics-dr',
    tags: { project: 'Analytics-Platform', component: 'kafka-dr', owner: 'group:default/team-analytics', costCenter: 'data-platform', entityRef: 'resource:default/analytics-mirror' },
    replicator: {
      ...analyticsMirror('production'),
      sourceClusterArn: TARGET.replace('analytics-kafka-dr/', 'analytics-kafka/'),
      targetClusterArn: SOURCE.replace('analytics-kafka/', 'analytics-kafka-dr/'),
    },
  };
  const replicator = config.kind === 'msk-replicator' ? config.replicator : undefined;

  it('builds in the environment, its alarms on the environment’s alerts topic', () => {
    const { app, stack } = createPlatformApp(parsePlatformStackConfig(config), mkdtempSync(join(tmpdir(), 'platform-stack-')));
    app.synth();
    const resources = Object.values<any>(Template.fromStack(stack).toJSON().Resources);
    const alarms = resources.filter(r => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(2);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ 'Fn::ImportValue': 'platform-analytics-dr-alerts-topic-arn' }]);
  });

  it('refuses clusters in the wrong Regions or another account', () => {
    expect(() => parsePlatformStackConfig({ ...config, replicator: { ...replicator, sourceClusterArn: SOURCE } })).toThrow(
      "replicator.sourceClusterArn: The source cluster is in us-west-2, the chosen environment's Region; the replicator runs in its target's Region and copies from another: choose a source cluster outside us-west-2, or an environment in the target's Region.",
    );
    expect(() => parsePlatformStackConfig({ ...config, replicator: { ...replicator, targetClusterArn: TARGET } })).toThrow(
      "replicator.targetClusterArn: The target cluster is in us-east-1 and the chosen environment in us-west-2; the replicator runs in its target's Region, so choose an environment in us-east-1.",
    );
    expect(() =>
      parsePlatformStackConfig({ ...config, replicator: { ...replicator, sourceClusterArn: replicator!.sourceClusterArn.replace('111111111111', '222222222222') } }),
    ).toThrow('replicator.sourceClusterArn: The source cluster is in account 222222222222 and the chosen environment in 111111111111; MSK Replicator copies between clusters of one account, so choose a source cluster of account 111111111111.');
  });

  it('says its price is not in the table rather than counting it as $0', () => {
    const estimate = estimateMonthlyCost(config);
    expect(estimate.lines).toEqual([]);
    expect(estimate.excludes).toMatch(/^The MSK Replicator itself \(billed by the hour and by the gigabyte it copies\) is not in the price table and not included\./);
  });
});
