import { CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag finding on one construct. Every acknowledgement
 * carries the reason the platform accepts it; nothing is silenced wholesale.
 *
 * @public
 */
export function acknowledge(scope: IConstruct, id: string, reason: string) {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Tells checkov that the platform accepts one of its findings on one
 * resource, and why: the reason travels in the template's metadata, where
 * checkov reads it (`Metadata.checkov.skip`) and reports the check as skipped.
 *
 * @public
 */
export function skipCheckov(scope: IConstruct, id: string, reason: string) {
  const resource = scope instanceof CfnResource ? scope : (scope.node.defaultChild as CfnResource | undefined);
  if (!resource) throw new Error(`${scope.node.path} has no CloudFormation resource for checkov to skip ${id} on.`);
  const skips: Array<{ id: string; comment: string }> = resource.getMetadata('checkov')?.skip ?? [];
  resource.addMetadata('checkov', { skip: [...skips, { id, comment: reason }] });
}

/**
 * Reasons the platform gives for what it accepts in more than one construct.
 *
 * @public
 */
export const PLATFORM_REASONS = {
  logsWithoutCustomerKey:
    'CloudWatch Logs encrypts log data at rest, here with the key it manages itself, as the stack’s data stores use their services’ AWS managed keys; the log group keeps its events for a bounded time.',
  secretWithAwsManagedKey:
    'Encrypted with the account’s AWS managed key for Secrets Manager; only the stack that owns the secret and the roles it grants can read it.',
};
