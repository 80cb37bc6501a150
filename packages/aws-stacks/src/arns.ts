import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The partition a Region belongs to (`aws`, `aws-us-gov`, `aws-cn`, …), from
 * CDK's Region facts; a Region CDK does not know yet is taken by its name.
 *
 * @public
 */
export function partitionOf(region: string): string {
  const known = RegionInfo.get(region).partition;
  if (known) return known;
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/**
 * An ARN in its Region's partition: for examples in sentences, where no stack
 * gives a partition (a construct uses its stack's, `Stack.formatArn`).
 *
 * @public
 */
export function arnIn(region: string, service: string, account: string, resource: string): string {
  return `arn:${partitionOf(region)}:${service}:${region}:${account}:${resource}`;
}
