import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { z } from 'zod';
import { platformAlarms } from './alarms';
import { arnIn } from './arns';
import { nameValueRecord } from './nameValueRecord';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';
import { RDS_ENGINE_VERSIONS, RDS_INSTANCE_CLASSES } from './RdsDatabase';
import {
  acknowledgeEnhancedMonitoring,
  acknowledgeReadReplica,
  databaseSecurityGroups,
  engineFor,
  forceTlsParameters,
  instanceType,
  NO_PERFORMANCE_INSIGHTS,
} from './rdsParts';
import { resourceName } from './resourceName';

/** An RDS DB instance's ARN in any partition: `arn:<partition>:rds:<region>:<account>:db:<identifier>`. */
const RDS_INSTANCE_ARN = /^arn:aws(-[a-z]+)*:rds:([a-z0-9-]+):(\d{12}):db:([a-z][a-z0-9-]{0,62})$/;

/**
 * The Region, account and identifier of an RDS DB instance's ARN; undefined
 * when it is not one.
 *
 * @public
 */
export function parseRdsInstanceArn(arn: string): { region: string; account: string; identifier: string } | undefined {
  const m = RDS_INSTANCE_ARN.exec(arn);
  return m ? { region: m[2], account: m[3], identifier: m[4] } : undefined;
}

/**
 * What a cross-Region read replica is built from; its refusals are sentences.
 *
 * @public
 */
export const rdsCrossRegionReplicaSchema = z
  .object({
    name: resourceName,
    environment: z.enum(ENVIRONMENT_PROFILES),
    /** The primary it replicates, in another Region: `arn:<partition>:rds:us-east-1:111111111111:db:analytics-production`. */
    sourceDatabaseArn: z.string().regex(RDS_INSTANCE_ARN, {
      error: `sourceDatabaseArn must be an RDS DB instance ARN such as ${arnIn('us-east-1', 'rds', '111111111111', 'db:analytics-production')}.`,
    }),
    /** The source's engine and version (its catalog entity's aws.portal/engine and engine-version): the replica's parameter group is of their family. */
    engine: z.enum(['postgres', 'mysql'], {
      error: "engine is the source's, postgres or mysql: its catalog entity's aws.portal/engine annotation (the rds-database template writes it).",
    }),
    engineVersion: z.string({ error: "engineVersion is the source's: its catalog entity's aws.portal/engine-version annotation (the rds-database template writes it)." }),
    instanceClass: z.enum(RDS_INSTANCE_CLASSES, {
      error: `instanceClass must be one of ${RDS_INSTANCE_CLASSES.join(', ')}.`,
    }),
    parameters: nameValueRecord('Parameter').default({}),
    /** The source's allocated storage, which the replica has too: its free-storage alarm and its price. */
    storageGiB: z
      .number({
        error: issue =>
          issue.input === undefined || issue.input === null
            ? "storageGiB is the source's allocated storage: its catalog entity's aws.portal/storage-gib annotation (the rds-database template writes it)."
            : undefined,
      })
      .int()
      .min(20)
      .max(65536),
    /** Alarm when the replica is this far behind its primary: the RPO a Region loss would cost. */
    maxLagSeconds: z.number().int().min(1).max(86_400).default(300),
  })
  .superRefine((p, ctx) => {
    const versions: readonly string[] = RDS_ENGINE_VERSIONS[p.engine];
    if (!versions.includes(p.engineVersion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['engineVersion'],
        message: `The source runs ${p.engine} ${p.engineVersion}, which RDS no longer creates; upgrade the source to one of ${versions.join(', ')}, then stamp its replica.`,
      });
    }
  });

/**
 * The input of {@link PlatformRdsCrossRegionReplica} (the form's answers).
 *
 * @public
 */
export type RdsCrossRegionReplicaInput = z.input<typeof rdsCrossRegionReplicaSchema>;

/**
 * A read replica, in this stack's Region, of an RDS database in another
 * Region: the warm copy a Region loss promotes (RPO its lag, RTO the
 * promotion). Encrypted with a key of its own Region (a cross-Region replica
 * of an encrypted primary needs one), in the environment's isolated subnets
 * behind its own security groups, TLS forced, and alarmed on its lag.
 *
 * @public
 */
export class PlatformRdsCrossRegionReplica extends Construct {
  /** The replica instance. */
  readonly replica: rds.DatabaseInstanceReadReplica;
  /** The key of its Region that encrypts its storage and Performance Insights. */
  readonly key: kms.Key;
  /** Its lag, CPU and free-storage alarms (their actions are the stack's). */
  readonly alarms: cloudwatch.Alarm[] = [];
  /** Put an application's tasks in this group to let them connect (reads only). */
  readonly clientSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, input: RdsCrossRegionReplicaInput & { vpc: ec2.IVpc }) {
    super(scope, id);
    const { vpc } = input;
    const p = rdsCrossRegionReplicaSchema.parse(input);
    const source = parseRdsInstanceArn(p.sourceDatabaseArn)!;
    const profile = PROFILE_DEFAULTS[p.environment];
    const engine = engineFor(p.engine, p.engineVersion);
    const port = p.engine === 'postgres' ? 5432 : 3306;
    const { clientSecurityGroup, securityGroup } = databaseSecurityGroups(this, vpc, p.name, port);
    this.clientSecurityGroup = clientSecurityGroup;

    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts ${p.name}, the ${source.region} database ${source.identifier}'s replica in ${Stack.of(this).region}`,
      enableKeyRotation: true,
      // A snapshot taken when the replica goes still needs its key.
      removalPolicy: profile.dataRemovalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    const identifier = `${p.name}-${p.environment}`;
    this.replica = new rds.DatabaseInstanceReadReplica(this, 'Replica', {
      instanceIdentifier: identifier,
      sourceDatabaseInstance: rds.DatabaseInstance.fromDatabaseInstanceAttributes(this, 'Source', {
        instanceIdentifier: source.identifier,
        instanceEndpointAddress: `${source.identifier}.${source.region}.rds.${Stack.of(this).urlSuffix}`,
        port,
        securityGroups: [],
        engine,
      }),
      instanceType: instanceType(p.instanceClass),
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      storageEncryptionKey: this.key,
      parameterGroup: new rds.ParameterGroup(this, 'Params', {
        engine,
        parameters: { ...p.parameters, ...forceTlsParameters(p.engine) },
      }),
      enablePerformanceInsights: !NO_PERFORMANCE_INSIGHTS.has(p.instanceClass),
      performanceInsightEncryptionKey: NO_PERFORMANCE_INSIGHTS.has(p.instanceClass) ? undefined : this.key,
      monitoringInterval: Duration.seconds(60),
      deletionProtection: profile.deletionProtection,
      removalPolicy: profile.dataRemovalPolicy,
      autoMinorVersionUpgrade: true,
    });
    const cfn = this.replica.node.defaultChild as rds.CfnDBInstance;
    // The source is named by its ARN: it is in another Region. Encryption
    // follows the source; KmsKeyId (set from the key) says with which key here.
    cfn.sourceDbInstanceIdentifier = p.sourceDatabaseArn;
    cfn.addPropertyDeletionOverride('StorageEncrypted');

    acknowledgeReadReplica(this.replica, {
      encryption: 'A read replica inherits the encryption of its encrypted primary, here with a key of its own Region (KmsKeyId); CloudFormation refuses the flag on replicas.',
      singleInstance: 'A read replica is a single instance; a Region loss promotes it, and Multi-AZ is then turned on.',
      disposable: profile.deletionProtection ? undefined : `The ${p.environment} profile is disposable; production turns deletion protection on.`,
    });
    acknowledgeEnhancedMonitoring(this);

    this.alarms.push(...replicaAlarms(this, p, identifier, source));
  }
}

/** The replica's alarms: its lag against the RPO, CPU, and free storage (it stops replicating when full). */
function replicaAlarms(
  scope: Construct,
  p: z.output<typeof rdsCrossRegionReplicaSchema>,
  identifier: string,
  source: { identifier: string; region: string },
): cloudwatch.Alarm[] {
  const metric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/RDS', metricName, dimensionsMap: { DBInstanceIdentifier: identifier }, period: Duration.minutes(1), statistic });
  const missing = cloudwatch.TreatMissingData.BREACHING;
  return platformAlarms(scope, identifier, [
    {
      name: 'ReplicaLag',
      metric: metric('ReplicaLag', 'Maximum'),
      threshold: p.maxLagSeconds,
      missing,
      description: `The replica is more than ${p.maxLagSeconds} s behind ${source.identifier} in ${source.region}: a Region loss now would lose that much.`,
    },
    { name: 'Cpu', metric: metric('CPUUtilization', 'Average'), threshold: 80, periods: 15, missing, description: 'CPU above 80 % for 15 minutes.' },
    {
      name: 'FreeStorage',
      metric: metric('FreeStorageSpace', 'Minimum'),
      threshold: Math.round(p.storageGiB * 0.1 * 1024 ** 3),
      periods: 5,
      below: true,
      missing,
      description: 'Less than 10 % of the storage is free: the replica stops replicating when it fills.',
    },
  ]);
}
