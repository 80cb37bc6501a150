/**
 * The annotation scheme of the AWS portal plugins. This file is the one place
 * that knows annotation names; everything else imports these constants.
 *
 * @public
 */
export const AWS_ANNOTATION_PREFIX = 'aws.portal';

/**
 * Annotation names, each documented in the README ("Annotation scheme").
 *
 * @public
 */
export const AWS_ANNOTATIONS = {
  /** 12-digit AWS account id that holds the entity's resources. */
  accountId: `${AWS_ANNOTATION_PREFIX}/account-id`,
  /** Region that holds the entity's resources, e.g. `us-east-1`. */
  region: `${AWS_ANNOTATION_PREFIX}/region`,
  /** Tags that select the entity's resources: `Key=Value,Key2=Value2` (all must match). */
  tagSelector: `${AWS_ANNOTATION_PREFIX}/tag-selector`,
  /** Explicit resource ARNs, separated by commas or whitespace. */
  arns: `${AWS_ANNOTATION_PREFIX}/arns`,
  /** The CostCenter tag value the entity's spend is booked to. */
  costCenter: `${AWS_ANNOTATION_PREFIX}/cost-center`,
  /** development | staging | production */
  environment: `${AWS_ANNOTATION_PREFIX}/environment`,
  /** Recovery point objective, e.g. `4h`, `15m`, `PT4H`. */
  rpo: `${AWS_ANNOTATION_PREFIX}/rpo`,
  /** Recovery time objective, e.g. `2h`, `30m`, `PT2H`. */
  rto: `${AWS_ANNOTATION_PREFIX}/rto`,
  /** Region that backups are copied to and the service fails over to. */
  drRegion: `${AWS_ANNOTATION_PREFIX}/dr-region`,
  /** How many Availability Zones a platform environment spans: 2 or 3 (the stacks deployed into it use as many). */
  zones: `${AWS_ANNOTATION_PREFIX}/zones`,
  /** A database's engine, `postgres` or `mysql` (its replicas are of the same). */
  engine: `${AWS_ANNOTATION_PREFIX}/engine`,
  /** A database's engine version, e.g. `16.15` (its replicas run the same). */
  engineVersion: `${AWS_ANNOTATION_PREFIX}/engine-version`,
  /** A database's allocated storage in GiB (its replicas have as much). */
  storageGiB: `${AWS_ANNOTATION_PREFIX}/storage-gib`,
} as const;

/** @public */
export type AwsAnnotationName =
  (typeof AWS_ANNOTATIONS)[keyof typeof AWS_ANNOTATIONS];

/** @public */
export const AWS_ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** @public */
export type AwsEnvironment = (typeof AWS_ENVIRONMENTS)[number];

/**
 * The resource tag that names the owning catalog entity, e.g.
 * `component:default/crm-core-service`. The golden paths put it on every
 * resource they create; any resource carrying it (an alarm, a target group)
 * belongs to that entity whatever its other tags say.
 *
 * @public
 */
export const AWS_ENTITY_TAG = 'backstage.io/entity';

/**
 * The tag Cost Explorer groups spend by. An entity's cost center is its
 * `aws.portal/cost-center` annotation, or else the value its tag selector
 * requires of this tag.
 *
 * @public
 */
export const COST_CENTER_TAG = 'CostCenter';
