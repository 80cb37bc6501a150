import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { z } from 'zod';
import { arnIn } from './arns';
import { replicationInfo, replicatorAlarms, replicatorRole } from './mskReplicatorParts';
import { ENVIRONMENT_PROFILES } from './profiles';
import { resourceName } from './resourceName';

/** An MSK cluster's ARN in any partition: `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
const MSK_CLUSTER_ARN = /^arn:aws(-[a-z]+)*:kafka:([a-z0-9-]+):(\d{12}):cluster\/([A-Za-z0-9-]{1,64})\/([0-9a-f-]{36}(-\d+)?)$/;

/**
 * The Region, account and name of an MSK cluster's ARN; undefined when it is
 * not one.
 *
 * @public
 */
export function parseMskClusterArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = MSK_CLUSTER_ARN.exec(arn);
  return m ? { region: m[2], account: m[3], name: m[4] } : undefined;
}

const clusterArn = (field: string) =>
  z.string().regex(MSK_CLUSTER_ARN, {
    error: `${field} must be an MSK cluster ARN such as ${arnIn('us-east-1', 'kafka', '111111111111', 'cluster/analytics-kafka/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a-2')}.`,
  });
const subnetIds = z
  .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: 'each subnet must be a subnet id such as subnet-0a1b2c3d.' }))
  .min(2, { error: 'the source cluster’s subnets: at least two, in different Availability Zones.' })
  .max(3);
const securityGroupIds = z
  .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, { error: 'each security group must be an id such as sg-0a1b2c3d.' }))
  .min(1)
  .max(5);

/**
 * How a replicator may compress what it writes to the target.
 *
 * @public
 */
export const MSK_REPLICATOR_COMPRESSION = ['NONE', 'GZIP', 'SNAPPY', 'LZ4', 'ZSTD'] as const;

/**
 * What an MSK Replicator is built from; its refusals are sentences.
 *
 * @public
 */
export const mskReplicatorSchema = z.object({
  name: resourceName,
  environment: z.enum(ENVIRONMENT_PROFILES),
  /** The cluster it copies from, in another Region; it must use IAM client authentication. */
  sourceClusterArn: clusterArn('sourceClusterArn'),
  /** Subnets of the source cluster's VPC the replicator reaches it from. */
  sourceSubnetIds: subnetIds,
  /** Security groups there that the source cluster admits (its client group). */
  sourceSecurityGroupIds: securityGroupIds,
  /** The cluster it copies to, in this stack's Region (the DR Region). */
  targetClusterArn: clusterArn('targetClusterArn'),
  /** Security groups here that the target cluster admits (its client group). */
  targetSecurityGroupIds: securityGroupIds,
  /** Topics to copy, as regular expressions. */
  topics: z.array(z.string().min(1)).min(1).default(['.*']),
  topicsToExclude: z.array(z.string().min(1)).default([]),
  consumerGroups: z.array(z.string().min(1)).min(1).default(['.*']),
  compression: z.enum(MSK_REPLICATOR_COMPRESSION, { error: `compression must be one of ${MSK_REPLICATOR_COMPRESSION.join(', ')}.` }).default('NONE'),
  /** Where a topic found for the first time starts: its oldest record, or new records only. */
  startingPosition: z.enum(['EARLIEST', 'LATEST']).default('EARLIEST'),
  /** Keep topic names as they are (clients fail over without renaming), or prefix them with the source's alias. */
  identicalTopicNames: z.boolean().default(true),
  /** Alarm when records take longer than this to reach the target: the RPO a Region loss would cost. */
  maxLatencySeconds: z.number().int().min(1).max(86_400).default(300),
});

/**
 * The input of {@link PlatformMskReplicator} (the form's answers).
 *
 * @public
 */
export type MskReplicatorInput = z.input<typeof mskReplicatorSchema>;

/**
 * An Amazon MSK Replicator in this stack's Region that copies topics,
 * their configuration and consumer-group offsets from a cluster in another
 * Region: seed 004's MirrorMaker 2 to the DR Region, managed. Its role may
 * only read the source and write the target; it alarms when replication
 * falls behind the RPO or fails.
 *
 * @public
 */
export class PlatformMskReplicator extends Construct {
  /** The replicator. */
  readonly replicator: msk.CfnReplicator;
  /** The role it runs as. */
  readonly role: iam.Role;
  /** Its latency and failure alarms (their actions are the stack's). */
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, input: MskReplicatorInput & { vpc: ec2.IVpc }) {
    super(scope, id);
    const p = mskReplicatorSchema.parse(input);
    const source = parseMskClusterArn(p.sourceClusterArn)!;
    const target = parseMskClusterArn(p.targetClusterArn)!;
    const replicatorName = `${p.name}-${p.environment}`;

    this.role = replicatorRole(this, p, source, target, replicatorName);

    this.replicator = new msk.CfnReplicator(this, 'Replicator', {
      replicatorName,
      description: `Copies ${source.name} (${source.region}) to ${target.name} (${Stack.of(this).region})`,
      serviceExecutionRoleArn: this.role.roleArn,
      kafkaClusters: [
        {
          amazonMskCluster: { mskClusterArn: p.sourceClusterArn },
          vpcConfig: { subnetIds: p.sourceSubnetIds, securityGroupIds: p.sourceSecurityGroupIds },
        },
        {
          amazonMskCluster: { mskClusterArn: p.targetClusterArn },
          // The target's brokers sit in the environment's data subnets.
          vpcConfig: {
            subnetIds: input.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
            securityGroupIds: p.targetSecurityGroupIds,
          },
        },
      ],
      replicationInfoList: [replicationInfo(p)],
    });
    this.alarms.push(...replicatorAlarms(this, p, replicatorName, target));
  }
}
