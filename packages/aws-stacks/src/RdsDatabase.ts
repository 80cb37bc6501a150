import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { z } from 'zod';
import { acknowledge, skipCheckov } from './nag';
import { nameValueRecord } from './nameValueRecord';
import {
  acknowledgeEnhancedMonitoring,
  acknowledgeReadReplica,
  databaseSecurityGroups,
  engineFor,
  forceTlsParameters,
  instanceType,
  NO_PERFORMANCE_INSIGHTS,
} from './rdsParts';
import { AWS_REGION, ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';
import { resourceName } from './resourceName';
import { partRuleProblems, profileFacts } from './fieldRules';
import { ENGINE_VERSIONS } from './engineVersions';

/** Engine versions the platform offers, per engine, newest first (from {@link ENGINE_VERSIONS}). */
export const RDS_ENGINE_VERSIONS = {
  postgres: ENGINE_VERSIONS.rdsPostgres.versions,
  mysql: ENGINE_VERSIONS.rdsMysql.versions,
} as const;

/** Instance classes the platform offers. */
export const RDS_INSTANCE_CLASSES = [
  'db.t3.micro',
  'db.t3.small',
  'db.t3.medium',
  'db.t3.large',
  'db.t4g.micro',
  'db.t4g.small',
  'db.t4g.medium',
  'db.t4g.large',
  'db.m6g.large',
  'db.m6g.xlarge',
  'db.r6g.large',
  'db.r6g.xlarge',
  'db.r6g.2xlarge',
  'db.r5.large',
  'db.r5.xlarge',
] as const;

/** @public */
export type RdsInstanceClass = (typeof RDS_INSTANCE_CLASSES)[number];

const WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const MAINTENANCE = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/i;

/** @public */
export const rdsDatabaseSchema = z
  .object({
    name: resourceName,
    environment: z.enum(ENVIRONMENT_PROFILES),
    engine: z.enum(['postgres', 'mysql'], { error: 'engine must be postgres or mysql.' }),
    engineVersion: z.string(),
    instanceClass: z.enum(RDS_INSTANCE_CLASSES, {
      error: `instanceClass must be one of ${RDS_INSTANCE_CLASSES.join(', ')}.`,
    }).optional(),
    databaseName: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, {
      error: 'databaseName must start with a letter and hold only letters, digits and _.',
    }),
    allocatedStorageGiB: z.number().int().min(20).max(65536),
    maxAllocatedStorageGiB: z.number().int().max(65536),
    multiAz: z.boolean().optional(),
    backupRetentionDays: z.number().int().min(1).max(35).optional(),
    backupWindow: z.string().regex(WINDOW, { error: 'backupWindow must look like 03:00-04:00 (UTC).' }).default('03:00-04:00'),
    maintenanceWindow: z.string().regex(MAINTENANCE, { error: 'maintenanceWindow must look like sun:04:00-sun:05:00 (UTC).' }).default('sun:04:00-sun:05:00'),
    performanceInsights: z.boolean().optional(),
    parameters: nameValueRecord('Parameter').default({}),
    readReplica: z
      .object({
        instanceClass: z.enum(RDS_INSTANCE_CLASSES),
        parameters: nameValueRecord('Read replica parameter').default({}),
      })
      .nullish(),
    maxConnectionsAlarm: z.number().int().positive().default(200),
    /** The CPU alarm: above this %, for this many 5-minute periods (the CRM seed: 80 %, 2). */
    cpuAlarmPercent: z.number().int().min(1).max(100).default(80),
    cpuAlarmPeriods: z.number().int().min(1).max(10).default(3),
    /** The master user (RDS keeps its password in Secrets Manager and rotates it); empty: dbadmin (PostgreSQL) or admin (MySQL). */
    masterUsername: z
      .string()
      .regex(/^([a-zA-Z][a-zA-Z0-9_]{0,15})?$/, { error: 'masterUsername starts with a letter and holds up to 16 letters, digits or underscores.' })
      .optional(),
    /** Copies automated backups to this Region (the DR Region), for restoring there. */
    backupReplicationRegion: z
      .string()
      .regex(AWS_REGION, { error: 'backupReplicationRegion must be a Region: choose a DR Region on the “Where it runs” page to copy backups there.' })
      .nullish(),
    /** An RDS Proxy in front of the primary (connection pooling); TLS is always required. */
    proxy: z
      .object({
        idleClientTimeoutSeconds: z.number().int().min(1).max(28_800).default(1800),
        maxConnectionsPercent: z.number().int().min(1).max(100).default(100),
      })
      .nullish(),
  })
  .superRefine((p, ctx) => {
    const versions: readonly string[] = RDS_ENGINE_VERSIONS[p.engine];
    if (!versions.includes(p.engineVersion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['engineVersion'],
        message: `${p.engine} has no version ${p.engineVersion} here; choose one of ${versions.join(', ')}.`,
      });
    }
    const answers = {
      maxAllocatedStorageGiB: p.maxAllocatedStorageGiB,
      allocatedStorageGiB: p.allocatedStorageGiB,
      instanceClass: p.instanceClass ?? PROFILE_DEFAULTS[p.environment].dbInstanceClass,
      performanceInsights: p.performanceInsights,
      masterUsername: p.masterUsername,
    };
    for (const problem of partRuleProblems('database', answers, profileFacts(p.environment))) ctx.addIssue({ code: 'custom', ...problem });
  });

/** @public */
export type RdsDatabaseInput = z.input<typeof rdsDatabaseSchema>;

/**
 * An RDS PostgreSQL or MySQL database the way the platform runs them:
 * encrypted, IAM authentication, a master password RDS keeps in Secrets Manager and rotates, automated backups,
 * Performance Insights and Multi-AZ where the environment asks for them, an
 * optional read replica and the standard alarms.
 *
 * @public
 */
export class PlatformRdsDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly replica?: rds.DatabaseInstanceReadReplica;
  /** Applications connect here instead of to the instance when the database has a proxy. */
  readonly proxy?: rds.DatabaseProxy;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** Put an application's tasks in this group to let them connect. */
  readonly clientSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, input: RdsDatabaseInput & { vpc: ec2.IVpc }) {
    super(scope, id);
    const { vpc } = input;
    const p = rdsDatabaseSchema.parse(input);
    const profile = PROFILE_DEFAULTS[p.environment];
    const engine = engineFor(p.engine, p.engineVersion);
    const multiAz = p.multiAz ?? profile.multiAz;
    const performanceInsights = p.performanceInsights ?? profile.performanceInsights;
    const port = p.engine === 'postgres' ? 5432 : 3306;

    const { clientSecurityGroup, securityGroup } = databaseSecurityGroups(this, vpc, p.name, port);
    this.clientSecurityGroup = clientSecurityGroup;
    const forceTls = forceTlsParameters(p.engine);
    const parameterGroup = new rds.ParameterGroup(this, 'Params', {
      engine,
      parameters: { ...p.parameters, ...forceTls },
    });

    this.instance = new rds.DatabaseInstance(this, 'Db', {
      instanceIdentifier: `${p.name}-${p.environment}`,
      engine,
      instanceType: instanceType(p.instanceClass ?? profile.dbInstanceClass),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      port,
      databaseName: p.databaseName,
      // RDS keeps the master password in Secrets Manager and rotates it (every 7 days).
      credentials: rds.Credentials.fromUsername(p.masterUsername || (p.engine === 'postgres' ? 'dbadmin' : 'admin')),
      manageMasterUserPassword: true,
      allocatedStorage: p.allocatedStorageGiB,
      maxAllocatedStorage: p.maxAllocatedStorageGiB,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      multiAz,
      iamAuthentication: true,
      backupRetention: p.backupRetentionDays ? Duration.days(p.backupRetentionDays) : profile.backupRetention,
      preferredBackupWindow: p.backupWindow,
      preferredMaintenanceWindow: p.maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      enablePerformanceInsights: performanceInsights,
      performanceInsightRetention: performanceInsights ? rds.PerformanceInsightRetention.DEFAULT : undefined,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: p.engine === 'postgres' ? ['postgresql'] : ['error', 'slowquery'],
      parameterGroup,
      deletionProtection: profile.deletionProtection,
      removalPolicy: profile.dataRemovalPolicy,
      autoMinorVersionUpgrade: true,
    });
    if (p.backupReplicationRegion) {
      // Replicated automated backups, encrypted in the DR Region with its RDS key.
      const cfn = this.instance.node.defaultChild as rds.CfnDBInstance;
      cfn.automaticBackupReplicationRegion = p.backupReplicationRegion;
      cfn.automaticBackupReplicationKmsKeyId = `arn:${Aws.PARTITION}:kms:${p.backupReplicationRegion}:${Stack.of(this).account}:alias/aws/rds`;
    }
    acknowledge(this.instance, 'AwsSolutions-RDS11', 'Applications use the engine’s standard port; the security group admits the client group only.');
    acknowledgeEnhancedMonitoring(this);
    if (!multiAz) {
      const singleAz = `The ${p.environment} profile is single-AZ by design; staging and production are Multi-AZ.`;
      acknowledge(this.instance, 'AwsSolutions-RDS3', singleAz);
      skipCheckov(this.instance, 'CKV_AWS_157', singleAz);
    }
    if (!profile.deletionProtection) {
      acknowledge(this.instance, 'AwsSolutions-RDS10', `The ${p.environment} profile is disposable; production turns deletion protection on.`);
    }

    if (p.readReplica) {
      this.replica = new rds.DatabaseInstanceReadReplica(this, 'Replica', {
        instanceIdentifier: `${p.name}-${p.environment}-replica`,
        sourceDatabaseInstance: this.instance,
        instanceType: instanceType(p.readReplica.instanceClass),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [securityGroup],
        // A replica inherits the primary's encryption (CloudFormation refuses the flag).
        parameterGroup: new rds.ParameterGroup(this, 'ReplicaParams', {
          engine,
          parameters: { ...p.readReplica.parameters, ...forceTls },
        }),
        enablePerformanceInsights: performanceInsights && !NO_PERFORMANCE_INSIGHTS.has(p.readReplica.instanceClass),
        monitoringInterval: Duration.seconds(60),
        deletionProtection: profile.deletionProtection,
        removalPolicy: profile.dataRemovalPolicy,
        autoMinorVersionUpgrade: true,
      });
      acknowledgeReadReplica(this.replica, {
        encryption: 'A read replica inherits the encryption of its encrypted primary; CloudFormation refuses the flag on replicas.',
        singleInstance: 'A read replica is a single instance; the primary is the Multi-AZ one.',
        disposable: profile.deletionProtection ? undefined : `The ${p.environment} profile is disposable.`,
      });
    }

    if (p.proxy) {
      // The proxy sits in the database's group: the client group reaches it on
      // the engine's port, and CDK opens the group to itself for the proxy to
      // reach the instance (a second rule of ours would be a duplicate AWS refuses).
      this.proxy = new rds.DatabaseProxy(this, 'Proxy', {
        dbProxyName: `${p.name}-${p.environment}-proxy`,
        proxyTarget: rds.ProxyTarget.fromInstance(this.instance),
        secrets: [this.instance.secret!],
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [securityGroup],
        requireTLS: true,
        iamAuth: true,
        idleClientTimeout: Duration.seconds(p.proxy.idleClientTimeoutSeconds),
        maxConnectionsPercent: p.proxy.maxConnectionsPercent,
      });
    }

    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, op: cloudwatch.ComparisonOperator, description: string, evaluationPeriods = 3) =>
      this.alarms.push(
        new cloudwatch.Alarm(this, name, {
          alarmName: `${p.name}-${p.environment}-${name}`,
          alarmDescription: description,
          metric,
          threshold,
          evaluationPeriods,
          comparisonOperator: op,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        }),
      );
    const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    alarm(
      'Cpu',
      this.instance.metricCPUUtilization({ period: Duration.minutes(5) }),
      p.cpuAlarmPercent,
      GT,
      `CPU above ${p.cpuAlarmPercent} % for ${p.cpuAlarmPeriods * 5} minutes.`,
      p.cpuAlarmPeriods,
    );
    alarm(
      'FreeStorage',
      this.instance.metricFreeStorageSpace({ period: Duration.minutes(5) }),
      Math.round(p.allocatedStorageGiB * 0.1 * 1024 ** 3),
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      'Less than 10 % of the allocated storage is free.',
    );
    alarm('Connections', this.instance.metricDatabaseConnections({ period: Duration.minutes(5) }), p.maxConnectionsAlarm, GT, `More than ${p.maxConnectionsAlarm} connections.`);
    if (this.replica) {
      alarm(
        'ReplicaLag',
        new cloudwatch.Metric({
          namespace: 'AWS/RDS',
          metricName: 'ReplicaLag',
          dimensionsMap: { DBInstanceIdentifier: this.replica.instanceIdentifier },
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        60,
        GT,
        'The read replica is more than 60 s behind.',
      );
    }
  }
}
