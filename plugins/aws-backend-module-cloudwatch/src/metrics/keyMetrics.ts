import type { MetricResourceKind } from '@internal/plugin-aws-cloudwatch-common';

/** A metric the portal charts beside health, and how it is read. */
export interface KeyMetric {
  id: string;
  namespace: string;
  metricName: string;
  /** The statistic asked of CloudWatch: `Average`, `Sum`, `p95`, … */
  stat: string;
  label: string;
  unit: string;
  kind: MetricResourceKind;
  /** The dimension names of the series to read, exactly. */
  dimensions: string[];
  /** How the series of several nodes (cache nodes, brokers) make one: the fullest, or the total. */
  combine?: 'max' | 'sum';
}

/** The key metrics, in the order the Metrics tab shows them. */
export const KEY_METRICS: KeyMetric[] = [
  { id: 'ecs-cpu', namespace: 'AWS/ECS', metricName: 'CPUUtilization', stat: 'Average', label: 'CPU utilization', unit: 'Percent', kind: 'ecs-service', dimensions: ['ClusterName', 'ServiceName'] },
  { id: 'ecs-memory', namespace: 'AWS/ECS', metricName: 'MemoryUtilization', stat: 'Average', label: 'Memory utilization', unit: 'Percent', kind: 'ecs-service', dimensions: ['ClusterName', 'ServiceName'] },
  { id: 'alb-5xx', namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', label: 'Target 5xx answers', unit: 'Count', kind: 'target-group', dimensions: ['LoadBalancer', 'TargetGroup'] },
  { id: 'alb-p95', namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p95', label: 'Response time p95', unit: 'Seconds', kind: 'target-group', dimensions: ['LoadBalancer', 'TargetGroup'] },
  { id: 'rds-cpu', namespace: 'AWS/RDS', metricName: 'CPUUtilization', stat: 'Average', label: 'CPU utilization', unit: 'Percent', kind: 'rds-instance', dimensions: ['DBInstanceIdentifier'] },
  { id: 'rds-connections', namespace: 'AWS/RDS', metricName: 'DatabaseConnections', stat: 'Average', label: 'Connections', unit: 'Count', kind: 'rds-instance', dimensions: ['DBInstanceIdentifier'] },
  { id: 'rds-free-storage', namespace: 'AWS/RDS', metricName: 'FreeStorageSpace', stat: 'Minimum', label: 'Free storage', unit: 'Bytes', kind: 'rds-instance', dimensions: ['DBInstanceIdentifier'] },
  { id: 'rds-replica-lag', namespace: 'AWS/RDS', metricName: 'ReplicaLag', stat: 'Maximum', label: 'Replica lag', unit: 'Seconds', kind: 'rds-instance', dimensions: ['DBInstanceIdentifier'] },
  { id: 'redis-cpu', namespace: 'AWS/ElastiCache', metricName: 'EngineCPUUtilization', stat: 'Average', label: 'Engine CPU (busiest node)', unit: 'Percent', kind: 'redis-cluster', dimensions: ['CacheClusterId'], combine: 'max' },
  { id: 'redis-memory', namespace: 'AWS/ElastiCache', metricName: 'DatabaseMemoryUsagePercentage', stat: 'Average', label: 'Memory used (fullest node)', unit: 'Percent', kind: 'redis-cluster', dimensions: ['CacheClusterId'], combine: 'max' },
  { id: 'redis-evictions', namespace: 'AWS/ElastiCache', metricName: 'Evictions', stat: 'Sum', label: 'Evictions', unit: 'Count', kind: 'redis-cluster', dimensions: ['CacheClusterId'], combine: 'sum' },
  { id: 'msk-disk', namespace: 'AWS/Kafka', metricName: 'KafkaDataLogsDiskUsed', stat: 'Maximum', label: 'Disk used (fullest broker)', unit: 'Percent', kind: 'msk-cluster', dimensions: ['Cluster Name', 'Broker ID'], combine: 'max' },
  { id: 'msk-urp', namespace: 'AWS/Kafka', metricName: 'UnderReplicatedPartitions', stat: 'Sum', label: 'Under-replicated partitions', unit: 'Count', kind: 'msk-cluster', dimensions: ['Cluster Name', 'Broker ID'], combine: 'sum' },
];
