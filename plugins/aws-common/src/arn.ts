/**
 * The parts of an Amazon Resource Name.
 *
 * @public
 */
export interface ParsedArn {
  arn: string;
  partition: string;
  service: string;
  /** Empty for global services such as IAM or S3. */
  region: string;
  /** Empty for some global resources such as S3 buckets. */
  accountId: string;
  /** Everything after the account id, e.g. `service/crm-production/crm-core-service`. */
  resource: string;
}

const ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/;

/**
 * Parses an ARN, or returns undefined when the text is not one.
 *
 * @public
 */
export function parseArn(text: string): ParsedArn | undefined {
  const m = ARN.exec(text.trim());
  if (!m) return undefined;
  return {
    arn: m[0],
    partition: m[1],
    service: m[2],
    region: m[3],
    accountId: m[4],
    resource: m[5],
  };
}

/**
 * The part of an ARN that identifies the resource across the APIs that name
 * it. Amazon MSK cluster ARNs end in a UUID that CloudWatch never shows (its
 * metrics name the cluster by name only), so an MSK cluster is identified by
 * its name: `arn:aws:kafka:r:a:cluster/name/uuid` → `arn:aws:kafka:r:a:cluster/name`.
 * Every other ARN is its own identity.
 *
 * @public
 */
export function resourceIdentity(arn: string): string {
  const m = /^(arn:[a-z-]+:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+)(\/.*)?$/.exec(arn);
  return m ? m[1] : arn;
}

const KINDS: Record<string, string> = {
  'ecs:service': 'ECS service',
  'ecs:cluster': 'ECS cluster',
  'cloudwatch:alarm': 'CloudWatch alarm',
  'rds:db': 'RDS DB instance',
  'rds:cluster': 'Aurora DB cluster',
  'elasticache:cluster': 'ElastiCache node',
  'elasticache:replicationgroup': 'ElastiCache replication group',
  'kafka:cluster': 'MSK cluster',
  'elasticloadbalancing:loadbalancer': 'load balancer',
  'elasticloadbalancing:targetgroup': 'target group',
  'backup:backup-vault': 'backup vault',
  'sqs:': 'SQS queue',
  'sns:': 'SNS topic',
  's3:': 'S3 bucket',
};

/**
 * What kind of resource an ARN names, for people: `ECS service`,
 * `RDS DB instance`; `<service> <type>` (`lambda function`) for kinds the portal has no name for.
 *
 * @public
 */
export function resourceKind(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed) return 'resource';
  // `service/cluster/name`, `alarm:name`; a queue or a bucket has no type.
  const type = /^([^:/]+)[:/]/.exec(parsed.resource)?.[1] ?? '';
  return KINDS[`${parsed.service}:${type}`] ?? `${parsed.service} ${type || 'resource'}`;
}
