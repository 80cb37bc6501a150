/*
 * The key-metrics source against moto_server: ListMetrics and GetMetricData
 * over data put with PutMetricData, and the tagging API, are moto's own.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ConfigReader } from '@backstage/config';
import type { ResourceMetrics } from '@internal/plugin-aws-cloudwatch-common';
import {
  AwsClientFactory,
  createCloudWatchClient,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  actionsMissingFromPolicy,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { collectContext } from '../__testUtils__/collectContext';
import { AwsMetricSource } from './AwsMetricSource';

jest.setTimeout(60_000);

const moto = useMotoServer();

it('finds resources through ListMetrics, reads their key metrics in one GetMetricData call and combines cache nodes into their replication group', async () => {
  const config = new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1'] }));
  const clients = AwsClientFactory.fromConfig(config);
  const [where] = readAwsPortalSettings(config).accountRegions;
  const cloudwatch = await createCloudWatchClient(clients, where);
  const now = new Date();
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const put = (Namespace: string, MetricName: string, dims: Record<string, string>, values: number[]) =>
    cloudwatch.send(
      new PutMetricDataCommand({
        Namespace,
        MetricData: values.map((Value, i) => ({
          MetricName,
          Dimensions: Object.entries(dims).map(([Name, V]) => ({ Name, Value: V })),
          Timestamp: minutesAgo(5 * (values.length - i)),
          Value,
        })),
      }),
    );
  const service = { ClusterName: 'crm-production', ServiceName: 'crm-core-service' };
  await put('AWS/ECS', 'CPUUtilization', service, [20, 30, 40]);
  await put('AWS/ECS', 'MemoryUtilization', service, [50, 55, 60]);
  // Cluster-level CPU has other dimensions: not a service's series.
  await put('AWS/ECS', 'CPUUtilization', { ClusterName: 'crm-production' }, [10, 10, 10]);
  await put('AWS/RDS', 'FreeStorageSpace', { DBInstanceIdentifier: 'crm-production-primary' }, [3e11, 2.9e11]);
  await put('AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'crm-redis-cluster-001' }, [40, 41]);
  await put('AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'crm-redis-cluster-002' }, [70, 20]);
  await put('AWS/ElastiCache', 'Evictions', { CacheClusterId: 'crm-redis-cluster-001' }, [1, 2]);
  await put('AWS/ElastiCache', 'Evictions', { CacheClusterId: 'crm-redis-cluster-002' }, [3, 4]);
  await put('Custom/App', 'Orders', { Shop: 'eu' }, [5]);
  clients.calls.reset();

  const { resources } = await new AwsMetricSource().collectAccountRegion(
    where,
    collectContext<ResourceMetrics>(clients, [], now),
  );
  const byLabel = Object.fromEntries(resources.map(r => [r.label, r]));
  expect(Object.keys(byLabel).sort()).toEqual([
    'ECS service crm-production/crm-core-service',
    'ElastiCache replication group crm-redis-cluster',
    'RDS instance crm-production-primary',
  ]);
  const ecs = byLabel['ECS service crm-production/crm-core-service'];
  expect(ecs.resourceArn).toBe(`arn:aws:ecs:us-east-1:${where.accountId}:service/crm-production/crm-core-service`);
  expect(ecs.series.map(s => [s.id, s.points.map(p => p[1])])).toEqual([
    ['ecs-cpu', [20, 30, 40]],
    ['ecs-memory', [50, 55, 60]],
  ]);
  const redis = byLabel['ElastiCache replication group crm-redis-cluster'];
  // The fullest node's memory, the nodes' evictions added up.
  expect(redis.series.map(s => [s.id, s.points.map(p => p[1])])).toEqual([
    ['redis-memory', [70, 41]],
    ['redis-evictions', [4, 6]],
  ]);
  const calls = clients.calls.byOperation();
  expect(calls['CloudWatchClient.GetMetricDataCommand']).toBe(1);
  expect(calls['CloudWatchClient.ListMetricsCommand']).toBe(13);
  expect(actionsMissingFromPolicy(calls)).toEqual([]);
});
