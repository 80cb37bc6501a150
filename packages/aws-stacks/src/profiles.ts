import type { KafkaInstanceType } from './MskCluster';
import type { RdsInstanceClass } from './RdsDatabase';
import type { RedisNodeType } from './RedisCache';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/**
 * An AWS Region's name, such as us-east-1, us-gov-west-1 or us-isob-east-1:
 * the rule `isAwsRegion` of the portal's plugins applies (the scaffolder
 * module's tests hold the two together; this library is vendored into
 * generated repositories and so depends on no plugin).
 *
 * @public
 */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** @public */
export const ENVIRONMENT_PROFILES = ['development', 'staging', 'production'] as const;

/** @public */
export type EnvironmentProfile = (typeof ENVIRONMENT_PROFILES)[number];

/**
 * What an environment changes, the way the seed architectures do it:
 * development is single-AZ and small, production is Multi-AZ, kept and
 * protected.
 *
 * @public
 */
export interface ProfileDefaults {
  availabilityZones: number;
  natGateways: number;
  multiAz: boolean;
  deletionProtection: boolean;
  /** Logs, buckets: snapshots do not exist for them. */
  removalPolicy: RemovalPolicy;
  /** Databases and caches. */
  dataRemovalPolicy: RemovalPolicy;
  backupRetention: Duration;
  logRetentionDays: number;
  performanceInsights: boolean;
  dbInstanceClass: RdsInstanceClass;
  cacheNodeType: RedisNodeType;
  cacheReplicas: number;
  kafkaInstanceType: KafkaInstanceType;
}

/** @public */
export const PROFILE_DEFAULTS: Record<EnvironmentProfile, ProfileDefaults> = {
  development: {
    availabilityZones: 2,
    natGateways: 1,
    multiAz: false,
    deletionProtection: false,
    removalPolicy: RemovalPolicy.DESTROY,
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    backupRetention: Duration.days(1),
    logRetentionDays: 7,
    performanceInsights: false,
    dbInstanceClass: 'db.t4g.micro',
    cacheNodeType: 'cache.t4g.micro',
    cacheReplicas: 0,
    kafkaInstanceType: 'kafka.t3.small',
  },
  staging: {
    availabilityZones: 2,
    natGateways: 1,
    multiAz: true,
    deletionProtection: false,
    removalPolicy: RemovalPolicy.RETAIN,
    dataRemovalPolicy: RemovalPolicy.SNAPSHOT,
    backupRetention: Duration.days(3),
    logRetentionDays: 14,
    performanceInsights: true,
    dbInstanceClass: 'db.t4g.medium',
    cacheNodeType: 'cache.t4g.small',
    cacheReplicas: 1,
    kafkaInstanceType: 'kafka.m5.large',
  },
  production: {
    availabilityZones: 3,
    natGateways: 3,
    multiAz: true,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    dataRemovalPolicy: RemovalPolicy.RETAIN,
    backupRetention: Duration.days(7),
    logRetentionDays: 30,
    performanceInsights: true,
    dbInstanceClass: 'db.r6g.large',
    cacheNodeType: 'cache.r6g.large',
    cacheReplicas: 2,
    kafkaInstanceType: 'kafka.m5.large',
  },
};

/**
 * The zones an environment uses out of those given: the first `count`, by
 * default its profile's (2, or 3 in production).
 *
 * @public
 */
export function profileZones(environment: EnvironmentProfile, availabilityZones: string[], count?: number): string[] {
  return availabilityZones.slice(0, count ?? PROFILE_DEFAULTS[environment].availabilityZones);
}

/**
 * How many NAT gateways an environment over `zones` zones runs: one per zone
 * where its profile has one per zone (production), else the profile's one.
 *
 * @public
 */
export function natGatewaysFor(environment: EnvironmentProfile, zones?: number): number {
  const profile = PROFILE_DEFAULTS[environment];
  return profile.natGateways >= profile.availabilityZones ? (zones ?? profile.availabilityZones) : profile.natGateways;
}
