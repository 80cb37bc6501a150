import type { KafkaInstanceType } from './MskCluster';
import type { RdsInstanceClass } from './RdsDatabase';
import type { RedisNodeType } from './RedisCache';

/**
 * The price table the portal estimates with: on-demand list prices in USD for
 * us-east-1, as AWS's public pricing pages gave them when the table was
 * written. Refresh it (and PRICE_TABLE.date) when prices change; estimates
 * say which table they used. Each table is typed by the classes the
 * constructs offer, so a class offered without a price does not compile.
 *
 * @public
 */
export const PRICE_TABLE = {
  region: 'us-east-1',
  date: '2025-11-01',
  hoursPerMonth: 730,
  fargate: { vcpuHour: 0.04048, gbHour: 0.004445, spotDiscount: 0.7 },
  alb: { hour: 0.0225, lcuHour: 0.008 },
  natGatewayHour: 0.045,
  /** The private hosted zone behind an environment's Cloud Map namespace. */
  route53HostedZoneMonth: 0.5,
  /** A customer managed KMS key (its requests within the free tier). */
  kmsKeyMonth: 1,
  rds: {
    gp3GbMonth: 0.115,
    instanceHour: {
      'db.t3.micro': 0.017,
      'db.t3.small': 0.034,
      'db.t3.medium': 0.068,
      'db.t3.large': 0.136,
      'db.t4g.micro': 0.016,
      'db.t4g.small': 0.032,
      'db.t4g.medium': 0.065,
      'db.t4g.large': 0.129,
      'db.m6g.large': 0.152,
      'db.m6g.xlarge': 0.304,
      'db.r6g.large': 0.225,
      'db.r6g.xlarge': 0.45,
      'db.r6g.2xlarge': 0.899,
      'db.r5.large': 0.25,
      'db.r5.xlarge': 0.5,
    } satisfies Record<RdsInstanceClass, number>,
  },
  elasticache: {
    nodeHour: {
      'cache.t3.micro': 0.017,
      'cache.t3.small': 0.034,
      'cache.t3.medium': 0.068,
      'cache.t4g.micro': 0.016,
      'cache.t4g.small': 0.032,
      'cache.t4g.medium': 0.065,
      'cache.m6g.large': 0.149,
      'cache.r6g.large': 0.206,
      'cache.r6g.xlarge': 0.411,
      'cache.r5.large': 0.216,
    } satisfies Record<RedisNodeType, number>,
    /** Valkey nodes cost this share of the Redis OSS price (ElastiCache pricing: 20 % lower, on-demand nodes). */
    valkeyShare: 0.8,
  },
  msk: {
    storageGbMonth: 0.1,
    brokerHour: {
      'kafka.t3.small': 0.0456,
      'kafka.m5.large': 0.21,
      'kafka.m5.xlarge': 0.42,
      'kafka.m7g.large': 0.204,
      'kafka.m7g.xlarge': 0.408,
    } satisfies Record<KafkaInstanceType, number>,
  },
} as const;
