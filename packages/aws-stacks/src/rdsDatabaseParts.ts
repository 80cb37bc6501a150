/*
 * The parts of a platform RDS database, each adding its constructs under
 * the database's scope (so their logical ids are the database's own): the
 * primary, its read replica, its proxy, and its alarms.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import type { z } from 'zod';
import { type PlatformAlarm, platformAlarms } from './alarms';
import { acknowledge, skipCheckov } from './nag';
import { PROFILE_DEFAULTS } from './profiles';
import type { rdsDatabaseSchema } from './RdsDatabase';
import { acknowledgeEnhancedMonitoring, acknowledgeReadReplica, instanceType, NO_PERFORMANCE_INSIGHTS } from './rdsParts';

/** A database's answers, parsed. */
export type RdsDatabaseAnswers = z.output<typeof rdsDatabaseSchema>;

/** Where the parts go: the network, the database's own group, its engine and the parameters every instance forces (TLS). */
export interface RdsPlacement {
  vpc: ec2.IVpc;
  securityGroup: ec2.SecurityGroup;
  engine: rds.IInstanceEngine;
  forceTls: Record<string, string>;
  port: number;
}

const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
const performanceInsightsOf = (p: RdsDatabaseAnswers) => p.performanceInsights ?? PROFILE_DEFAULTS[p.environment].performanceInsights;

/**
 * The primary: encrypted gp3 storage, IAM authentication, a master password
 * RDS keeps in Secrets Manager and rotates, backups (copied to the DR Region
 * when asked), Performance Insights and Multi-AZ as the profile says.
 */
export function primaryInstance(scope: Construct, p: RdsDatabaseAnswers, at: RdsPlacement): rds.DatabaseInstance {
  const profile = PROFILE_DEFAULTS[p.environment];
  const multiAz = p.multiAz ?? profile.multiAz;
  const performanceInsights = performanceInsightsOf(p);
  const parameterGroup = new rds.ParameterGroup(scope, 'Params', { engine: at.engine, parameters: { ...p.parameters, ...at.forceTls } });
  const instance = new rds.DatabaseInstance(scope, 'Db', {
    instanceIdentifier: `${p.name}-${p.environment}`,
    engine: at.engine,
    instanceType: instanceType(p.instanceClass ?? profile.dbInstanceClass),
    vpc: at.vpc,
    vpcSubnets: isolated,
    securityGroups: [at.securityGroup],
    port: at.port,
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
    const cfn = instance.node.defaultChild as rds.CfnDBInstance;
    cfn.automaticBackupReplicationRegion = p.backupReplicationRegion;
    cfn.automaticBackupReplicationKmsKeyId = Stack.of(scope).formatArn({ service: 'kms', region: p.backupReplicationRegion, resource: 'alias', resourceName: 'aws/rds' });
  }
  acknowledge(instance, 'AwsSolutions-RDS11', 'Applications use the engine’s standard port; the security group admits the client group only.');
  acknowledgeEnhancedMonitoring(scope);
  if (!multiAz) {
    const singleAz = `The ${p.environment} profile is single-AZ by design; staging and production are Multi-AZ.`;
    acknowledge(instance, 'AwsSolutions-RDS3', singleAz);
    skipCheckov(instance, 'CKV_AWS_157', singleAz);
  }
  if (!profile.deletionProtection) {
    acknowledge(instance, 'AwsSolutions-RDS10', `The ${p.environment} profile is disposable; production turns deletion protection on.`);
  }
  return instance;
}

/** The read replica the answers ask for: its own class and parameters, TLS forced, in the primary's group. */
export function readReplica(scope: Construct, p: RdsDatabaseAnswers, at: RdsPlacement, primary: rds.DatabaseInstance) {
  if (!p.readReplica) return undefined;
  const profile = PROFILE_DEFAULTS[p.environment];
  const replica = new rds.DatabaseInstanceReadReplica(scope, 'Replica', {
    instanceIdentifier: `${p.name}-${p.environment}-replica`,
    sourceDatabaseInstance: primary,
    instanceType: instanceType(p.readReplica.instanceClass),
    vpc: at.vpc,
    vpcSubnets: isolated,
    securityGroups: [at.securityGroup],
    // A replica inherits the primary's encryption (CloudFormation refuses the flag).
    parameterGroup: new rds.ParameterGroup(scope, 'ReplicaParams', { engine: at.engine, parameters: { ...p.readReplica.parameters, ...at.forceTls } }),
    enablePerformanceInsights: performanceInsightsOf(p) && !NO_PERFORMANCE_INSIGHTS.has(p.readReplica.instanceClass),
    monitoringInterval: Duration.seconds(60),
    deletionProtection: profile.deletionProtection,
    removalPolicy: profile.dataRemovalPolicy,
    autoMinorVersionUpgrade: true,
  });
  acknowledgeReadReplica(replica, {
    encryption: 'A read replica inherits the encryption of its encrypted primary; CloudFormation refuses the flag on replicas.',
    singleInstance: 'A read replica is a single instance; the primary is the Multi-AZ one.',
    disposable: profile.deletionProtection ? undefined : `The ${p.environment} profile is disposable.`,
  });
  return replica;
}

/**
 * The proxy the answers ask for, in the database's group: the client group
 * reaches it on the engine's port, and CDK opens the group to itself for the
 * proxy to reach the instance (a second rule of ours would be a duplicate
 * AWS refuses).
 */
export function databaseProxy(scope: Construct, p: RdsDatabaseAnswers, at: RdsPlacement, primary: rds.DatabaseInstance) {
  if (!p.proxy) return undefined;
  return new rds.DatabaseProxy(scope, 'Proxy', {
    dbProxyName: `${p.name}-${p.environment}-proxy`,
    proxyTarget: rds.ProxyTarget.fromInstance(primary),
    secrets: [primary.secret!],
    vpc: at.vpc,
    vpcSubnets: isolated,
    securityGroups: [at.securityGroup],
    requireTLS: true,
    iamAuth: true,
    idleClientTimeout: Duration.seconds(p.proxy.idleClientTimeoutSeconds),
    maxConnectionsPercent: p.proxy.maxConnectionsPercent,
  });
}

/** CPU, free storage and connections on the primary, and the replica's lag. */
export function databaseAlarms(scope: Construct, p: RdsDatabaseAnswers, primary: rds.DatabaseInstance, replica?: rds.DatabaseInstanceReadReplica) {
  const missing = cloudwatch.TreatMissingData.BREACHING;
  const fiveMinutes = { period: Duration.minutes(5) };
  const alarms: PlatformAlarm[] = [
    { name: 'Cpu', metric: primary.metricCPUUtilization(fiveMinutes), threshold: p.cpuAlarmPercent, periods: p.cpuAlarmPeriods, missing, description: `CPU above ${p.cpuAlarmPercent} % for ${p.cpuAlarmPeriods * 5} minutes.` },
    { name: 'FreeStorage', metric: primary.metricFreeStorageSpace(fiveMinutes), threshold: Math.round(p.allocatedStorageGiB * 0.1 * 1024 ** 3), below: true, missing, description: 'Less than 10 % of the allocated storage is free.' },
    { name: 'Connections', metric: primary.metricDatabaseConnections(fiveMinutes), threshold: p.maxConnectionsAlarm, missing, description: `More than ${p.maxConnectionsAlarm} connections.` },
  ];
  if (replica) {
    const lag = new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'ReplicaLag',
      dimensionsMap: { DBInstanceIdentifier: replica.instanceIdentifier },
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    alarms.push({ name: 'ReplicaLag', metric: lag, threshold: 60, missing, description: 'The read replica is more than 60 s behind.' });
  }
  return platformAlarms(scope, `${p.name}-${p.environment}`, alarms);
}
