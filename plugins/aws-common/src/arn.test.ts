import { parseArn, resourceIdentity, resourceKind } from './arn';

describe('ARNs', () => {
  it('names the kind of resource an ARN points at', () => {
    expect(
      [
        'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service',
        'arn:aws:cloudwatch:us-east-1:111111111111:alarm:crm-core-cpu-high',
        'arn:aws:rds:us-east-1:111111111111:db:crm-production-primary',
        'arn:aws:elasticache:us-east-1:111111111111:replicationgroup:crm-redis',
        'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/6a1b2c3d-0000-1111-2222-333344445555-7',
        'arn:aws:sqs:us-east-1:111111111111:jobs',
        'arn:aws:lambda:us-east-1:111111111111:function:export',
        'arn:aws:states:us-east-1:111111111111:nothing',
        'not an arn',
      ].map(resourceKind),
    ).toEqual([
      'ECS service',
      'CloudWatch alarm',
      'RDS DB instance',
      'ElastiCache replication group',
      'MSK cluster',
      'SQS queue',
      'lambda function',
      'states resource',
      'resource',
    ]);
  });

  it('identifies an MSK cluster by its name, as CloudWatch names it', () => {
    const arn = 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/6a1b2c3d-7';
    expect(resourceIdentity(arn)).toBe('arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka');
    expect(parseArn(arn)?.service).toBe('kafka');
  });
});
