/*
 * The parts of a platform MSK Replicator, each adding its constructs under
 * the replicator's scope (so their logical ids are the replicator's own):
 * its role, what it copies, and its alarms.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as msk from 'aws-cdk-lib/aws-msk';
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { mskReplicatorSchema } from './MskReplicator';
import { platformAlarms } from './alarms';
import { acknowledge } from './nag';

/** A replicator's answers, parsed. */
export type MskReplicatorAnswers = z.output<typeof mskReplicatorSchema>;

type Cluster = { name: string; region: string };

/** The replicator's role: it reads the source and writes the target (the clusters, their topics and groups), nothing else. */
export function replicatorRole(scope: Construct, p: MskReplicatorAnswers, source: Cluster, target: Cluster, replicatorName: string): iam.Role {
  // Reads from the source, writes to the target: the clusters, their topics and groups, nothing else.
  const scoped = (arn: string, c: { name: string }, kind: 'topic' | 'group') => `${arn.split(':cluster/')[0]}:${kind}/${c.name}/*`;
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('kafka.amazonaws.com'),
    description: `${replicatorName}: reads ${source.name} in ${source.region}, writes ${target.name} in ${Stack.of(scope).region}`,
    inlinePolicies: {
      replicate: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
            resources: [p.sourceClusterArn, p.targetClusterArn],
          }),
          new iam.PolicyStatement({
            actions: ['kafka-cluster:AlterCluster'],
            resources: [p.targetClusterArn],
          }),
          new iam.PolicyStatement({
            actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
            resources: [scoped(p.sourceClusterArn, source, 'topic')],
          }),
          new iam.PolicyStatement({
            actions: [
              'kafka-cluster:DescribeTopic',
              'kafka-cluster:CreateTopic',
              'kafka-cluster:AlterTopic',
              'kafka-cluster:WriteData',
              'kafka-cluster:ReadData',
              'kafka-cluster:DescribeTopicDynamicConfiguration',
              'kafka-cluster:AlterTopicDynamicConfiguration',
              'kafka-cluster:WriteDataIdempotently',
            ],
            resources: [scoped(p.targetClusterArn, target, 'topic')],
          }),
          new iam.PolicyStatement({
            actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
            resources: [scoped(p.sourceClusterArn, source, 'group'), scoped(p.targetClusterArn, target, 'group')],
          }),
        ],
      }),
    },
  });
  const byCluster = 'Topics and consumer groups are matched by the replicator’s patterns, so the role names them by cluster (topic/<cluster>/*, group/<cluster>/*), the narrowest ARN Kafka’s IAM access control offers.';
  for (const [arn, c] of [[p.sourceClusterArn, source], [p.targetClusterArn, target]] as const) {
    for (const kind of ['topic', 'group'] as const) {
      acknowledge(role, `AwsSolutions-IAM5[Resource::${scoped(arn, c, kind)}]`, byCluster);
    }
  }
  return role;
}

/** What the replicator copies: the topics and groups the patterns pick, their configuration, ACLs and offsets. */
export function replicationInfo(p: MskReplicatorAnswers): msk.CfnReplicator.ReplicationInfoProperty {
  return {
    sourceKafkaClusterArn: p.sourceClusterArn,
    targetKafkaClusterArn: p.targetClusterArn,
    targetCompressionType: p.compression,
    topicReplication: {
      topicsToReplicate: p.topics,
      topicsToExclude: p.topicsToExclude.length ? p.topicsToExclude : undefined,
      copyTopicConfigurations: true,
      copyAccessControlListsForTopics: true,
      detectAndCopyNewTopics: true,
      startingPosition: { type: p.startingPosition },
      topicNameConfiguration: { type: p.identicalTopicNames ? 'IDENTICAL' : 'PREFIXED_WITH_SOURCE_CLUSTER_ALIAS' },
    },
    consumerGroupReplication: {
      consumerGroupsToReplicate: p.consumerGroups,
      synchroniseConsumerGroupOffsets: true,
      detectAndCopyNewConsumerGroups: true,
    },
  };
}

/** Replication latency against the RPO, and failures. */
export function replicatorAlarms(scope: Construct, p: MskReplicatorAnswers, replicatorName: string, target: Cluster): cloudwatch.Alarm[] {
  const metric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/Kafka', metricName, dimensionsMap: { ReplicatorName: replicatorName }, period: Duration.minutes(5), statistic });
  const missing = cloudwatch.TreatMissingData.NOT_BREACHING;
  return platformAlarms(scope, replicatorName, [
    {
      name: 'ReplicationLatency',
      metric: metric('ReplicationLatency', 'Maximum'),
      threshold: p.maxLatencySeconds * 1000,
      missing,
      description: `Records take more than ${p.maxLatencySeconds} s to reach ${target.name}: a Region loss now would lose that much.`,
    },
    { name: 'ReplicatorFailure', metric: metric('ReplicatorFailure', 'Maximum'), threshold: 0, missing, description: 'The replicator reports failures: check its role and both clusters’ security groups.' },
  ]);
}
