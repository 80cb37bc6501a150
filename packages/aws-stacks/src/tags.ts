import { Aspects, CfnResource, Tags, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { ENVIRONMENT_PROFILES } from './profiles';

/**
 * A tag value AWS accepts, not empty: the platform's tags are required. The
 * characters are those of `isAwsTagValue` in the portal's plugins (the
 * scaffolder module's tests hold the two together).
 *
 * @public
 */
export const AWS_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

/**
 * The tags every taggable resource carries (the seeds' required set, plus the
 * owning catalog entity). They are what the portal's pages select by.
 *
 * @public
 */
export const platformTagsSchema = z.object({
  project: z.string().regex(AWS_TAG_VALUE, { error: 'project must be a valid tag value.' }),
  environment: z.enum(ENVIRONMENT_PROFILES, {
    error: 'environment must be development, staging or production.',
  }),
  component: z.string().regex(AWS_TAG_VALUE, { error: 'component must be a valid tag value.' }),
  owner: z.string().regex(AWS_TAG_VALUE, { error: 'owner must be a valid tag value.' }),
  costCenter: z.string().regex(AWS_TAG_VALUE, { error: 'costCenter must be a valid tag value.' }),
  /** e.g. component:default/crm-core-service */
  entityRef: z.string().regex(/^[a-z]+:[a-z0-9-]+\/[a-z0-9._-]+$/i, {
    error: 'entityRef must look like component:default/name.',
  }),
});

/** @public */
export type PlatformTags = z.infer<typeof platformTagsSchema>;

/**
 * The platform tags by their AWS keys (`Project`, `Environment`, …,
 * `ManagedBy`, `backstage.io/entity`).
 *
 * @public
 */
export function platformTagRecord(tags: PlatformTags): Record<(typeof PLATFORM_TAG_KEYS)[number], string> {
  return {
    Project: tags.project,
    Environment: tags.environment,
    Component: tags.component,
    Owner: tags.owner,
    CostCenter: tags.costCenter,
    ManagedBy: 'cdk',
    'backstage.io/entity': tags.entityRef,
  };
}

/**
 * The keys of the platform tags, as {@link platformTagRecord} writes them.
 *
 * @public
 */
export const PLATFORM_TAG_KEYS = ['Project', 'Environment', 'Component', 'Owner', 'CostCenter', 'ManagedBy', 'backstage.io/entity'] as const;

/**
 * Types CloudFormation tags whose CDK classes (aws-cdk-lib 2.270) take no
 * tags, so `Tags.of` passes them by: their tags are written as a property.
 */
const TAGGED_AS_PROPERTY = new Set(['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup']);

/**
 * Applies the platform tags to a construct and everything below it, those
 * CDK cannot tag included.
 *
 * @public
 */
export function applyPlatformTags(scope: IConstruct, tags: PlatformTags) {
  const record = platformTagRecord(tags);
  for (const [key, value] of Object.entries(record)) Tags.of(scope).add(key, value);
  const list = Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
  Aspects.of(scope).add({
    visit(node: IConstruct) {
      if (!CfnResource.isCfnResource(node) || !TAGGED_AS_PROPERTY.has(node.cfnResourceType)) return;
      node.addPropertyOverride('Tags', list);
      Validations.of(node).acknowledge({
        id: 'CloudFormation-Validate::F3002',
        reason: `CDK's bundled schema for ${node.cfnResourceType} predates its Tags property; CloudFormation's registry schema (which cfn-lint checks the template against) has it.`,
      });
    },
  });
}
