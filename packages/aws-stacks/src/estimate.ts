import { fargateServiceSchema } from './FargateService';
import { platformEnvironmentSchema } from './PlatformEnvironment';
import { mskClusterSchema } from './MskCluster';
import type { PlatformStackConfig } from './platformStack';
import { PRICE_TABLE } from './prices';
import { natGatewaysFor, PROFILE_DEFAULTS } from './profiles';
import { rdsCrossRegionReplicaSchema } from './RdsCrossRegionReplica';
import { rdsDatabaseSchema } from './RdsDatabase';
import { redisCacheSchema } from './RedisCache';

/** @public */
export interface CostEstimate {
  monthlyUsd: number;
  lines: Array<{ item: string; monthlyUsd: number }>;
  priceTable: { region: string; date: string };
  /** What the estimate leaves out, in a sentence. */
  excludes: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Estimates the monthly cost of a stack's sizing from the committed price
 * table (compute, storage and fixed hourly charges; no traffic).
 *
 * @public
 */
export function estimateMonthlyCost(config: PlatformStackConfig): CostEstimate {
  const H = PRICE_TABLE.hoursPerMonth;
  const profile = PROFILE_DEFAULTS[config.environment];
  const lines: CostEstimate['lines'] = [];
  const add = (item: string, usd: number) => lines.push({ item, monthlyUsd: round(usd) });
  const env = { environment: config.environment };

  // The network and the load balancer are the environment's: estimated once,
  // with it, not again with every stack that deploys into it.
  if ('platformEnvironment' in config) {
    const e = platformEnvironmentSchema.parse({ ...config.platformEnvironment, ...env });
    const nat = natGatewaysFor(config.environment, e.zones ?? undefined);
    add(`${nat} NAT gateway${nat > 1 ? 's' : ''}`, nat * PRICE_TABLE.natGatewayHour * H);
    add('Application Load Balancer, shared by the environment’s services (1 LCU)', (PRICE_TABLE.alb.hour + PRICE_TABLE.alb.lcuHour) * H);
    if (e.internalServices) add('Private DNS namespace for internal services (Route 53 hosted zone)', PRICE_TABLE.route53HostedZoneMonth);
  }

  if ('service' in config) {
    const s = fargateServiceSchema.parse({ ...config.service, ...env });
    const spotShare = s.spotWeight / (s.fargateWeight + s.spotWeight);
    const perTaskHour = (s.cpu / 1024) * PRICE_TABLE.fargate.vcpuHour + (s.memoryMiB / 1024) * PRICE_TABLE.fargate.gbHour;
    const blended = perTaskHour * (1 - spotShare * PRICE_TABLE.fargate.spotDiscount);
    add(`Fargate: ${s.desiredCount} × ${s.cpu} CPU / ${s.memoryMiB} MiB (${Math.round(spotShare * 100)} % Spot)`, s.desiredCount * blended * H);
  }
  if ('database' in config) {
    const d = rdsDatabaseSchema.parse({ ...config.database, ...env });
    const cls = d.instanceClass ?? profile.dbInstanceClass;
    const multiAz = d.multiAz ?? profile.multiAz;
    const copies = multiAz ? 2 : 1;
    add(`RDS ${d.engine} ${cls}${multiAz ? ' Multi-AZ' : ''}`, copies * PRICE_TABLE.rds.instanceHour[cls] * H);
    add(`RDS gp3 storage ${d.allocatedStorageGiB} GiB${multiAz ? ' × 2' : ''}`, copies * d.allocatedStorageGiB * PRICE_TABLE.rds.gp3GbMonth);
    if (d.readReplica) {
      add(`RDS read replica ${d.readReplica.instanceClass}`, PRICE_TABLE.rds.instanceHour[d.readReplica.instanceClass] * H + d.allocatedStorageGiB * PRICE_TABLE.rds.gp3GbMonth);
    }
  }
  if ('replica' in config) {
    const r = rdsCrossRegionReplicaSchema.parse({ ...config.replica, ...env });
    add(`RDS cross-Region read replica ${r.instanceClass}`, PRICE_TABLE.rds.instanceHour[r.instanceClass] * H);
    add(`RDS gp3 storage ${r.storageGiB} GiB (the source's)`, r.storageGiB * PRICE_TABLE.rds.gp3GbMonth);
    add('KMS key of the replica’s Region', PRICE_TABLE.kmsKeyMonth);
  }
  if ('cache' in config && config.cache) {
    const c = redisCacheSchema.parse({ ...config.cache, ...env });
    const node = c.nodeType ?? profile.cacheNodeType;
    const nodes = c.shards * (1 + (c.replicas ?? profile.cacheReplicas));
    const valkey = c.engine === 'valkey';
    const share = valkey ? PRICE_TABLE.elasticache.valkeyShare : 1;
    add(`ElastiCache ${valkey ? 'Valkey' : 'Redis OSS'} ${nodes} × ${node}`, nodes * PRICE_TABLE.elasticache.nodeHour[node] * share * H);
  }
  if ('kafka' in config) {
    const k = mskClusterSchema.parse({ ...config.kafka, ...env });
    const type = k.instanceType ?? profile.kafkaInstanceType;
    add(`MSK ${k.brokers} × ${type}`, k.brokers * PRICE_TABLE.msk.brokerHour[type] * H);
    add(`MSK storage ${k.brokers} × ${k.ebsVolumeGiB} GiB`, k.brokers * k.ebsVolumeGiB * PRICE_TABLE.msk.storageGbMonth);
  }
  // The price table has no MSK Replicator price: the estimate says so rather than count it as $0.
  const unpriced = 'replicator' in config ? 'The MSK Replicator itself (billed by the hour and by the gigabyte it copies) is not in the price table and not included. ' : '';
  return {
    monthlyUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    lines,
    priceTable: { region: PRICE_TABLE.region, date: PRICE_TABLE.date },
    excludes:
      'environmentName' in config
        ? `${unpriced}The platform environment ${config.environmentName} (network, NAT gateways, load balancer) is estimated with it, not here. Data transfer (including cross-Region replication traffic), CloudWatch, backups beyond the free allowance and taxes are not included.`
        : 'Data transfer, NAT and load balancer traffic, CloudWatch, backups beyond the free allowance and taxes are not included.',
  };
}
