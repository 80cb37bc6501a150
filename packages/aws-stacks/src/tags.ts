import { Tags } from 'aws-cdk-lib';
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
export function platformTagRecord(tags: PlatformTags): Record<string, string> {
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
 * Applies the platform tags to a construct and everything below it.
 *
 * @public
 */
export function applyPlatformTags(scope: IConstruct, tags: PlatformTags) {
  for (const [key, value] of Object.entries(platformTagRecord(tags))) Tags.of(scope).add(key, value);
}
