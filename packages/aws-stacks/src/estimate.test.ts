import { estimateMonthlyCost } from './estimate';
import { KAFKA_INSTANCE_TYPES } from './MskCluster';
import { PRICE_TABLE } from './prices';
import { RDS_INSTANCE_CLASSES } from './RdsDatabase';
import { REDIS_NODE_TYPES } from './RedisCache';
import type { PlatformStackConfig } from './platformStack';

const where = {
  account: '111111111111',
  region: 'us-east-1',
  environment: 'production' as const,
  tags: { project: 'CRM-System', component: 'x', owner: 'group:default/team-crm', costCenter: 'finance-consulting', entityRef: 'component:default/x' },
};
const inCrm = { ...where, environmentName: 'crm-production' };

/** The CRM seed as stacks: one environment, three services, a database and a cache. */
const crm: PlatformStackConfig[] = [
  { ...where, kind: 'platform-environment', stackName: 'platform-crm-production', platformEnvironment: { name: 'crm-production', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc-1' } },
  ...['crm-core-service', 'crm-auth-service', 'crm-notification-service'].map(
    (serviceName, i): PlatformStackConfig => ({
      ...inCrm,
      kind: 'fargate-service',
      stackName: `${serviceName}-production`,
      service: {
        serviceName, image: `${serviceName}:1`, containerPort: 3000 + i, cpu: 512, memoryMiB: 1024, healthCheckPath: '/health',
        desiredCount: 3, minCount: 2, maxCount: 15, pathPatterns: [`/${i}/*`], listenerPriority: 100 + i,
      },
    }),
  ),
  {
    ...inCrm, kind: 'rds-database', stackName: 'crm-postgres-production',
    database: { name: 'crm-postgres', engine: 'postgres', engineVersion: '15.19', instanceClass: 'db.r6g.large', databaseName: 'crm', allocatedStorageGiB: 500, maxAllocatedStorageGiB: 2000 },
  },
  { ...inCrm, kind: 'redis-cache', stackName: 'crm-redis-production', cache: { name: 'crm-redis', engineVersion: '7.0', nodeType: 'cache.r6g.large', replicas: 2 } },
];

it('counts the environment’s network and load balancer once, with the environment, not per stack', () => {
  const estimates = crm.map(estimateMonthlyCost);
  const lines = estimates.flatMap(e => e.lines.map(l => l.item));
  expect(lines.filter(l => /NAT gateway/.test(l))).toEqual(['3 NAT gateways']);
  expect(lines.filter(l => /Load Balancer/.test(l))).toEqual(['Application Load Balancer, shared by the environment’s services (1 LCU)']);
  // 3 × 0.045 × 730 = 98.55, plus (0.0225 + 0.008) × 730 = 22.27, plus the namespace's hosted zone 0.50
  expect(estimates[0].monthlyUsd).toBe(121.32);
  for (const e of estimates.slice(1)) {
    expect(e.excludes).toMatch(/^The platform environment crm-production \(network, NAT gateways, load balancer\) is estimated with it, not here\./);
  }
  // Three services of 3 tasks at 512 CPU / 1 GiB, all on FARGATE.
  expect(estimates[1].lines).toEqual([{ item: 'Fargate: 3 × 512 CPU / 1024 MiB (0 % Spot)', monthlyUsd: 54.06 }]); // 3 × (0.5 × 0.04048 + 1 × 0.004445) × 730
});

it('prices every class the constructs offer (the table is typed by them; a missing price would not compile)', () => {
  const offered = [
    ...RDS_INSTANCE_CLASSES.map(c => PRICE_TABLE.rds.instanceHour[c]),
    ...REDIS_NODE_TYPES.map(c => PRICE_TABLE.elasticache.nodeHour[c]),
    ...KAFKA_INSTANCE_TYPES.map(c => PRICE_TABLE.msk.brokerHour[c]),
  ];
  expect(offered.filter(price => !(price > 0))).toEqual([]);
});

it('estimates ApexAI’s development stack on the seed’s burstable classes', () => {
  const inDev = { ...where, environment: 'development' as const, environmentName: 'sandbox-development' };
  const mysql = estimateMonthlyCost({
    ...inDev, kind: 'rds-database', stackName: 'apexai-mysql-development',
    database: { name: 'apexai-mysql', engine: 'mysql', engineVersion: '8.0.46', instanceClass: 'db.t3.micro', databaseName: 'apexai', allocatedStorageGiB: 20, maxAllocatedStorageGiB: 40, multiAz: false },
  });
  expect(mysql.lines[0]).toEqual({ item: 'RDS mysql db.t3.micro', monthlyUsd: 12.41 }); // 0.017 × 730
  const redis = estimateMonthlyCost({
    ...inDev, kind: 'redis-cache', stackName: 'apexai-redis-development',
    cache: { name: 'apexai-redis', engineVersion: '7.0', nodeType: 'cache.t3.micro', replicas: 0, multiAz: false },
  });
  expect(redis.lines).toEqual([{ item: 'ElastiCache Redis OSS 1 × cache.t3.micro', monthlyUsd: 12.41 }]); // 0.017 × 730
});
