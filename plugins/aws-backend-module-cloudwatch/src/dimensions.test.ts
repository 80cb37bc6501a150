import { replicationGroupOfNode, resourcesOfDimensions } from './dimensions';

const where = { accountId: '111111111111', region: 'us-east-1' };

describe('resourcesOfDimensions', () => {
  it('names the ECS service of ClusterName + ServiceName', () => {
    expect(
      resourcesOfDimensions('AWS/ECS', { ClusterName: 'crm-production', ServiceName: 'crm-core-service' }, where),
    ).toEqual([
      {
        arn: 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service',
        kind: 'ecs-service',
        label: 'ECS service crm-production/crm-core-service',
      },
    ]);
    expect(resourcesOfDimensions('AWS/ECS', { ClusterName: 'crm-production' }, where)).toEqual([]);
  });

  it('names the replication group of an ElastiCache node, in both cluster modes', () => {
    expect(replicationGroupOfNode('crm-redis-cluster-002')).toBe('crm-redis-cluster');
    expect(replicationGroupOfNode('crm-monolith-redis-0003-001')).toBe('crm-monolith-redis');
    expect(replicationGroupOfNode('standalone')).toBeUndefined();
    expect(
      resourcesOfDimensions('AWS/ElastiCache', { CacheClusterId: 'crm-redis-cluster-001' }, where).map(r => r.arn),
    ).toEqual([
      'arn:aws:elasticache:us-east-1:111111111111:replicationgroup:crm-redis-cluster',
      'arn:aws:elasticache:us-east-1:111111111111:cluster:crm-redis-cluster-001',
    ]);
  });

  it('names RDS instances, MSK clusters by name, and ALB target groups and load balancers', () => {
    expect(resourcesOfDimensions('AWS/RDS', { DBInstanceIdentifier: 'crm-production-primary' }, where)[0].arn).toBe(
      'arn:aws:rds:us-east-1:111111111111:db:crm-production-primary',
    );
    expect(resourcesOfDimensions('AWS/Kafka', { 'Cluster Name': 'analytics-kafka', 'Broker ID': '1' }, where)[0].arn).toBe(
      'arn:aws:kafka:us-east-1:111111111111:cluster/analytics-kafka',
    );
    expect(
      resourcesOfDimensions(
        'AWS/ApplicationELB',
        { LoadBalancer: 'app/crm-alb/50dc6c495c0c9188', TargetGroup: 'targetgroup/crm-core/73e2d6bc24d8a067' },
        { accountId: '111111111111', region: 'cn-north-1' },
      ).map(r => r.arn),
    ).toEqual([
      'arn:aws-cn:elasticloadbalancing:cn-north-1:111111111111:targetgroup/crm-core/73e2d6bc24d8a067',
      'arn:aws-cn:elasticloadbalancing:cn-north-1:111111111111:loadbalancer/app/crm-alb/50dc6c495c0c9188',
    ]);
    expect(resourcesOfDimensions('Custom/App', { Service: 'x' }, where)).toEqual([]);
  });
});
