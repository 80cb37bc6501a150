import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { z } from 'zod';
import { nameValueRecord } from './nameValueRecord';
import { databaseAlarms, databaseProxy, primaryInstance, readReplica } from './rdsDatabaseParts';
import { databaseSecurityGroups, engineFor, forceTlsParameters } from './rdsParts';
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
    const port = p.engine === 'postgres' ? 5432 : 3306;
    const { clientSecurityGroup, securityGroup } = databaseSecurityGroups(this, vpc, p.name, port);
    this.clientSecurityGroup = clientSecurityGroup;
    const at = { vpc, securityGroup, port, engine: engineFor(p.engine, p.engineVersion), forceTls: forceTlsParameters(p.engine) };
    this.instance = primaryInstance(this, p, at);
    this.replica = readReplica(this, p, at, this.instance);
    this.proxy = databaseProxy(this, p, at, this.instance);
    this.alarms.push(...databaseAlarms(this, p, this.instance, this.replica));
  }

}
