import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateReplicationGroupCommand, CreateSnapshotCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, RDSClient } from '@aws-sdk/client-rds';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsClientFactory } from '@internal/plugin-aws-node';

const tags = (component: string) => [
  { Key: 'Project', Value: 'Shop' },
  { Key: 'Component', Value: component },
];

/** The default VPC's subnets, one per Availability Zone, by zone. */
async function subnetsByZone(factory: AwsClientFactory, where: AccountRegion): Promise<string[]> {
  const ec2 = await factory.create(EC2Client, where);
  const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
  const byZone = new Map<string, string>();
  for (const s of Subnets) if (s.AvailabilityZone && s.SubnetId && !byZone.has(s.AvailabilityZone)) byZone.set(s.AvailabilityZone, s.SubnetId);
  return [...byZone.keys()].sort().map(zone => byZone.get(zone)!);
}

async function service(factory: AwsClientFactory, where: AccountRegion, name: string, desiredCount: number, subnets: string[]) {
  const ecs = await factory.create(ECSClient, where);
  const ec2 = await factory.create(EC2Client, where);
  const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
  await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  const family = `shop-${name}`;
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name, image: `shop/${name}:1`, essential: true }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: `shop-${name}`,
      taskDefinition: family,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups: [SecurityGroups[0].GroupId!], assignPublicIp: 'DISABLED' } },
      tags: tags(name).map(t => ({ key: t.Key, value: t.Value })),
    }),
  );
}

/**
 * A small shop on moto_server, built through the portal's client factory,
 * with every DR fact the emulator can hold set by configuration: in
 * us-east-1 an RDS PostgreSQL instance without Multi-AZ (`shop-orders`) and
 * one with it (`shop-ledger`), a manual snapshot, an ElastiCache replication
 * group with automatic failover across two zones and a snapshot, an ECS
 * service across two zones
 * (`shop-api`, two tasks) and one in a single zone (`shop-worker`); in
 * us-west-2 the API's standby, scaled to zero. No MSK cluster: moto holds
 * one, but its ListClustersV2 answer carries a creation time the SDK cannot
 * read ("Invalid RFC-3339 date-time value"), so MSK is a recorded answer.
 */
export async function buildMotoShop(factory: AwsClientFactory, accountId: string): Promise<void> {
  const east = { accountId, region: 'us-east-1' };
  const west = { accountId, region: 'us-west-2' };
  const rds = await factory.create(RDSClient, east);
  for (const [name, multiAz] of [['shop-orders', false], ['shop-ledger', true]] as const) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: name,
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.medium',
        AllocatedStorage: 20,
        MasterUsername: 'shop',
        MasterUserPassword: 'not-a-secret-1',
        MultiAZ: multiAz,
        BackupRetentionPeriod: 7,
        Tags: tags(name.replace('shop-', '')),
      }),
    );
  }
  await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'shop-orders', DBSnapshotIdentifier: 'shop-orders-manual' }));

  const ec = await factory.create(ElastiCacheClient, east);
  await ec.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: 'shop-sessions',
      ReplicationGroupDescription: 'Shop sessions',
      Engine: 'redis',
      CacheNodeType: 'cache.t3.micro',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      PreferredCacheClusterAZs: ['us-east-1a', 'us-east-1b'],
      SnapshotRetentionLimit: 3,
      Tags: tags('sessions'),
    }),
  );
  await ec.send(new CreateSnapshotCommand({ ReplicationGroupId: 'shop-sessions', SnapshotName: 'shop-sessions-manual' }));

  const subnets = await subnetsByZone(factory, east);
  await service(factory, east, 'api', 2, subnets.slice(0, 2));
  await service(factory, east, 'worker', 1, subnets.slice(0, 1));
  await service(factory, west, 'api', 0, (await subnetsByZone(factory, west)).slice(0, 2));
}
