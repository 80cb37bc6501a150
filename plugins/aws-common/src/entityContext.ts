import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import {
  AWS_ANNOTATIONS,
  AWS_ENVIRONMENTS,
  type AwsEnvironment,
  COST_CENTER_TAG,
} from './annotations';
import { parseArn, type ParsedArn } from './arn';
import { parseObjectiveMinutes } from './duration';
import { isAwsRegion } from './region';

/**
 * What an entity's annotations say about its AWS side.
 *
 * @public
 */
export interface AwsEntityContext {
  accountId?: string;
  region?: string;
  /** Tags a resource must all carry to belong to the entity. */
  tags: Record<string, string>;
  /** Resources named explicitly. */
  arns: ParsedArn[];
  /** The `aws.portal/cost-center` annotation, else the CostCenter value of the tag selector. */
  costCenter?: string;
  environment?: AwsEnvironment;
  recovery?: {
    rpoMinutes?: number;
    rtoMinutes?: number;
    drRegion?: string;
  };
}

/**
 * The result of reading an entity's annotations: the context, or the problems
 * found, each a sentence naming the annotation and the value at fault.
 *
 * @public
 */
export type AwsEntityContextResult =
  | { ok: true; context: AwsEntityContext }
  | { ok: false; problems: string[] };

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/**
 * Whether AWS accepts the text as a tag value: up to 256 letters, spaces,
 * digits and `_ . : / = + - @` (empty is a value too).
 *
 * @public
 */
export function isAwsTagValue(text: string): boolean {
  return TAG_VALUE.test(text);
}

function quoted(value: string) {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

const region = (name: string) =>
  z.string().refine(isAwsRegion, {
    error: issue =>
      `${name} must be an AWS region such as us-east-1, not ${quoted(
        String(issue.input),
      )}.`,
  });

const objective = (name: string, what: string) =>
  z.string().transform((value, ctx) => {
    const minutes = parseObjectiveMinutes(value);
    if (minutes === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a ${what} such as 15m, 4h, 1d or PT4H, not ${quoted(
          value,
        )}.`,
      });
      return z.NEVER;
    }
    return minutes;
  });

const tagSelector = z.string().transform((value, ctx) => {
  const tags: Record<string, string> = {};
  const pairs = value
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);
  if (pairs.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `${AWS_ANNOTATIONS.tagSelector} must list at least one Key=Value pair, such as Project=CRM-System,Component=core.`,
    });
    return z.NEVER;
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const tagValue = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!key || !TAG_KEY.test(key) || !TAG_VALUE.test(tagValue)) {
      ctx.addIssue({
        code: 'custom',
        message: `${AWS_ANNOTATIONS.tagSelector} has ${quoted(
          pair,
        )}, which is not a Key=Value tag (keys may not start with aws:).`,
      });
      return z.NEVER;
    }
    if (key in tags) {
      ctx.addIssue({
        code: 'custom',
        message: `${AWS_ANNOTATIONS.tagSelector} names the tag ${quoted(
          key,
        )} twice.`,
      });
      return z.NEVER;
    }
    tags[key] = tagValue;
  }
  return tags;
});

const arnList = z.string().transform((value, ctx) => {
  const arns: ParsedArn[] = [];
  for (const text of value.split(/[\s,]+/).filter(Boolean)) {
    const arn = parseArn(text);
    if (!arn) {
      ctx.addIssue({
        code: 'custom',
        message: `${AWS_ANNOTATIONS.arns} has ${quoted(
          text,
        )}, which is not an ARN (arn:aws:service:region:account:resource).`,
      });
      return z.NEVER;
    }
    arns.push(arn);
  }
  return arns;
});

const annotationsSchema = z
  .object({
    [AWS_ANNOTATIONS.accountId]: z
      .string()
      .regex(/^\d{12}$/, {
        error: issue =>
          `${AWS_ANNOTATIONS.accountId} must be a 12-digit AWS account id, not ${quoted(
            String(issue.input),
          )}.`,
      })
      .optional(),
    [AWS_ANNOTATIONS.region]: region(AWS_ANNOTATIONS.region).optional(),
    [AWS_ANNOTATIONS.tagSelector]: tagSelector.optional(),
    [AWS_ANNOTATIONS.arns]: arnList.optional(),
    [AWS_ANNOTATIONS.costCenter]: z
      .string()
      .regex(TAG_VALUE, {
        error: `${AWS_ANNOTATIONS.costCenter} must be a valid tag value (letters, digits, spaces and _ . : / = + - @, at most 256).`,
      })
      .min(1, { error: `${AWS_ANNOTATIONS.costCenter} must not be empty.` })
      .optional(),
    [AWS_ANNOTATIONS.environment]: z
      .enum(AWS_ENVIRONMENTS, {
        error: issue =>
          `${AWS_ANNOTATIONS.environment} must be one of ${AWS_ENVIRONMENTS.join(
            ', ',
          )}, not ${quoted(String(issue.input))}.`,
      })
      .optional(),
    [AWS_ANNOTATIONS.rpo]: objective(
      AWS_ANNOTATIONS.rpo,
      'recovery point objective',
    ).optional(),
    [AWS_ANNOTATIONS.rto]: objective(
      AWS_ANNOTATIONS.rto,
      'recovery time objective',
    ).optional(),
    [AWS_ANNOTATIONS.drRegion]: region(AWS_ANNOTATIONS.drRegion).optional(),
    [AWS_ANNOTATIONS.zones]: z
      .enum(['2', '3'], { error: `${AWS_ANNOTATIONS.zones} must be 2 or 3 (the Availability Zones a platform environment spans).` })
      .optional(),
    [AWS_ANNOTATIONS.engine]: z
      .enum(['postgres', 'mysql'], { error: `${AWS_ANNOTATIONS.engine} must be postgres or mysql (a database's engine).` })
      .optional(),
    [AWS_ANNOTATIONS.engineVersion]: z
      .string()
      .regex(/^\d+(\.\d+){1,2}$/, { error: `${AWS_ANNOTATIONS.engineVersion} must be an engine version such as 16.15 or 8.4.11.` })
      .optional(),
    [AWS_ANNOTATIONS.storageGiB]: z
      .string()
      .regex(/^[1-9]\d{0,4}$/, { error: `${AWS_ANNOTATIONS.storageGiB} must be a whole number of GiB, such as 500.` })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const primary = a[AWS_ANNOTATIONS.region];
    const dr = a[AWS_ANNOTATIONS.drRegion];
    if (primary && dr && primary === dr) {
      ctx.addIssue({
        code: 'custom',
        message: `${AWS_ANNOTATIONS.drRegion} is ${dr}, the same as ${AWS_ANNOTATIONS.region}; a disaster-recovery region must be another region.`,
      });
    }
    const account = a[AWS_ANNOTATIONS.accountId];
    for (const arn of a[AWS_ANNOTATIONS.arns] ?? []) {
      if (account && arn.accountId && arn.accountId !== account) {
        ctx.addIssue({
          code: 'custom',
          message: `${AWS_ANNOTATIONS.arns} has ${arn.arn} in account ${arn.accountId}, but ${AWS_ANNOTATIONS.accountId} says ${account}.`,
        });
      }
    }
  });

/**
 * Whether the entity carries any of the annotations of this scheme.
 *
 * @public
 */
export function hasAwsAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Object.values(AWS_ANNOTATIONS).some(name => name in annotations);
}

/**
 * Whether the entity says how to find its AWS resources (a tag selector or
 * ARNs), which is what the resource pages need.
 *
 * @public
 */
export function hasAwsResourceSelector(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    Boolean(annotations[AWS_ANNOTATIONS.tagSelector]) ||
    Boolean(annotations[AWS_ANNOTATIONS.arns])
  );
}

/**
 * Reads and validates an entity's AWS annotations.
 *
 * @public
 */
export function readAwsEntityContext(entity: Entity): AwsEntityContextResult {
  const annotations = entity.metadata.annotations ?? {};
  const ours = Object.fromEntries(
    Object.values(AWS_ANNOTATIONS)
      .filter(name => name in annotations)
      .map(name => [name, annotations[name]]),
  );
  const parsed = annotationsSchema.safeParse(ours);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(issue => issue.message),
    };
  }
  const a = parsed.data;
  const rpoMinutes = a[AWS_ANNOTATIONS.rpo];
  const rtoMinutes = a[AWS_ANNOTATIONS.rto];
  const drRegion = a[AWS_ANNOTATIONS.drRegion];
  const hasRecovery =
    rpoMinutes !== undefined ||
    rtoMinutes !== undefined ||
    drRegion !== undefined;
  return {
    ok: true,
    context: {
      accountId: a[AWS_ANNOTATIONS.accountId],
      region: a[AWS_ANNOTATIONS.region],
      tags: a[AWS_ANNOTATIONS.tagSelector] ?? {},
      arns: a[AWS_ANNOTATIONS.arns] ?? [],
      costCenter: a[AWS_ANNOTATIONS.costCenter] ?? a[AWS_ANNOTATIONS.tagSelector]?.[COST_CENTER_TAG],
      environment: a[AWS_ANNOTATIONS.environment],
      recovery: hasRecovery ? { rpoMinutes, rtoMinutes, drRegion } : undefined,
    },
  };
}

/**
 * The full ref of an entity's owner as the catalog reads `spec.owner`: a
 * group unless it names another kind, in the entity's namespace unless it
 * names another (`team-crm` in `default` → `group:default/team-crm`);
 * undefined without an owner or for one that is no entity ref.
 *
 * @public
 */
export function ownerEntityRef(owner: string | undefined, namespace: string): string | undefined {
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace }));
  } catch {
    return undefined;
  }
}

/**
 * Whether one of `claims` (a user's ownership refs: the user and its groups)
 * is among `refs`, compared as the catalog compares refs (case-insensitive).
 *
 * @public
 */
export function sharesEntityRef(refs: readonly string[], claims: readonly string[]): boolean {
  const mine = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
  return refs.some(ref => mine.has(ref.toLocaleLowerCase('en-US')));
}
