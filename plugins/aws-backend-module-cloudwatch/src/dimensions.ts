import type { AccountRegion } from '@internal/plugin-aws-common';
import type { MetricResourceKind } from '@internal/plugin-aws-cloudwatch-common';

/** A resource a CloudWatch metric's dimensions name. */
export interface NamedResource {
  arn: string;
  kind: MetricResourceKind | 'load-balancer' | 'rds-cluster';
  label: string;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The replication group an ElastiCache node belongs to. AWS names the nodes
 * of a replication group after it: `<group>-001` (cluster mode disabled) or
 * `<group>-0001-001` (shard 1, node 1, cluster mode enabled).
 */
export function replicationGroupOfNode(cacheClusterId: string): string | undefined {
  const m = /^(.+?)(-\d{4})?-\d{3}$/.exec(cacheClusterId);
  return m ? m[1] : undefined;
}

/**
 * The resources a metric's dimensions name, as ARNs the catalog annotations
 * use: ECS ClusterName + ServiceName, RDS DBInstanceIdentifier (or
 * DBClusterIdentifier), ElastiCache CacheClusterId (and its replication
 * group), Amazon MSK "Cluster Name", ALB/NLB LoadBalancer and TargetGroup.
 * Dimensions of other namespaces name nothing the portal knows.
 */
export function resourcesOfDimensions(
  namespace: string | undefined,
  dimensions: Record<string, string>,
  where: Pick<AccountRegion, 'accountId' | 'region'>,
): NamedResource[] {
  const prefix = (service: string) =>
    `arn:${partitionOf(where.region)}:${service}:${where.region}:${where.accountId}`;
  const d = dimensions;
  switch (namespace) {
    case 'AWS/ECS':
    case 'ECS/ContainerInsights':
      return d.ClusterName && d.ServiceName
        ? [
            {
              arn: `${prefix('ecs')}:service/${d.ClusterName}/${d.ServiceName}`,
              kind: 'ecs-service',
              label: `ECS service ${d.ClusterName}/${d.ServiceName}`,
            },
          ]
        : [];
    case 'AWS/RDS':
      if (d.DBInstanceIdentifier) {
        return [
          {
            arn: `${prefix('rds')}:db:${d.DBInstanceIdentifier}`,
            kind: 'rds-instance',
            label: `RDS instance ${d.DBInstanceIdentifier}`,
          },
        ];
      }
      return d.DBClusterIdentifier
        ? [
            {
              arn: `${prefix('rds')}:cluster:${d.DBClusterIdentifier}`,
              kind: 'rds-cluster',
              label: `Aurora cluster ${d.DBClusterIdentifier}`,
            },
          ]
        : [];
    case 'AWS/ElastiCache': {
      const group = d.ReplicationGroupId ?? (d.CacheClusterId && replicationGroupOfNode(d.CacheClusterId));
      const found: NamedResource[] = [];
      if (group) {
        found.push({
          arn: `${prefix('elasticache')}:replicationgroup:${group}`,
          kind: 'redis-cluster',
          label: `ElastiCache replication group ${group}`,
        });
      }
      if (d.CacheClusterId) {
        found.push({
          arn: `${prefix('elasticache')}:cluster:${d.CacheClusterId}`,
          kind: 'redis-cluster',
          label: `ElastiCache node ${d.CacheClusterId}`,
        });
      }
      return found;
    }
    case 'AWS/Kafka':
      return d['Cluster Name']
        ? [
            {
              arn: `${prefix('kafka')}:cluster/${d['Cluster Name']}`,
              kind: 'msk-cluster',
              label: `MSK cluster ${d['Cluster Name']}`,
            },
          ]
        : [];
    case 'AWS/ApplicationELB':
    case 'AWS/NetworkELB': {
      const found: NamedResource[] = [];
      if (d.TargetGroup) {
        found.push({
          arn: `${prefix('elasticloadbalancing')}:${d.TargetGroup}`,
          kind: 'target-group',
          label: `Target group ${d.TargetGroup.split('/')[1] ?? d.TargetGroup}`,
        });
      }
      if (d.LoadBalancer) {
        found.push({
          arn: `${prefix('elasticloadbalancing')}:loadbalancer/${d.LoadBalancer}`,
          kind: 'load-balancer',
          label: `Load balancer ${d.LoadBalancer.split('/')[1] ?? d.LoadBalancer}`,
        });
      }
      return found;
    }
    default:
      return [];
  }
}

/** `[{Name, Value}]` as CloudWatch returns dimensions → a record. */
export function dimensionRecord(
  dimensions: ReadonlyArray<{ Name?: string; Value?: string }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of dimensions ?? []) if (Name && Value !== undefined) out[Name] = Value;
  return out;
}
