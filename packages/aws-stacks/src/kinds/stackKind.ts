import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { PLATFORM_ENVIRONMENT_NAME, type PlatformEnvironmentRef } from '../PlatformEnvironment';
import { AWS_REGION, ENVIRONMENT_PROFILES, type EnvironmentProfile } from '../profiles';
import { platformTagsSchema } from '../tags';

/**
 * The fields of every stack configuration beside its parts.
 *
 * @public
 */
export const standaloneShape = {
  stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, {
    error: 'stackName must start with a letter and hold only letters, digits and dashes.',
  }),
  account: z.string().regex(/^\d{12}$/, { error: 'account must be a 12-digit AWS account id.' }),
  region: z.string().regex(AWS_REGION, { error: 'region must be an AWS region such as us-east-1.' }),
  environment: z.enum(ENVIRONMENT_PROFILES),
  tags: platformTagsSchema.omit({ environment: true }),
};

/**
 * The fields of a stack that deploys into a platform environment: those of every stack, and which environment.
 *
 * @public
 */
export const inEnvironmentShape = {
  ...standaloneShape,
  /** The zones of the environment it deploys into (its aws.portal/zones annotation); default: the profile's. */
  environmentZones: z.coerce.number().int().min(2, { error: 'environmentZones must be 2 or 3.' }).max(3, { error: 'environmentZones must be 2 or 3.' }).nullish(),
  environmentName: z.string().regex(PLATFORM_ENVIRONMENT_NAME, {
    error: 'environmentName must name a platform environment: 3–32 lowercase letters, digits or dashes (e.g. crm-production).',
  }),
};

/**
 * What every stack configuration holds beside its parts: where it deploys,
 * its profile and tags, and, for a stack that deploys into a platform
 * environment, which one.
 *
 * @public
 */
export interface StackWhere {
  /** Its kind, one of STACK_KINDS. */
  kind: string;
  /** The CloudFormation stack's name. */
  stackName: string;
  /** The AWS account it deploys into. */
  account: string;
  /** The Region it deploys into. */
  region: string;
  /** Its profile: development, staging or production. */
  environment: EnvironmentProfile;
  /** The platform tags (the environment tag is the profile). */
  tags: z.infer<typeof standaloneShape.tags>;
  /** The platform environment it deploys into, for a kind that deploys into one. */
  environmentName?: string;
  /** The zones that environment spans (default: the profile's). */
  environmentZones?: number | null;
}

/**
 * What a part's construct offers the stack once built: its alarms (the
 * stack sends them to the environment's alerts topic), the security group
 * its clients join, and the connections of a part that is a client (a
 * service joins every other part's client group).
 *
 * @public
 */
export interface BuiltPart {
  /** Its alarms; the stack sends them to the environment's alerts topic. */
  alarms: cloudwatch.Alarm[];
  /** The group its clients join to reach it. */
  clientSecurityGroup?: ec2.ISecurityGroup;
  /** The connections of a part that is a client of the others (a service). */
  clientConnections?: ec2.Connections;
}

/**
 * Where a part is built: the platform environment it deploys into (none for
 * the environment itself) and the Region's zones.
 *
 * @public
 */
export interface PartSite {
  /** The platform environment it deploys into; none for the environment itself. */
  platform?: PlatformEnvironmentRef;
  /** The Region's zones a, b and c. */
  availabilityZones: string[];
}

/**
 * The platform environment a part deploys into; a part that needs one and is
 * given none is a mistake in its kind's descriptor.
 *
 * @public
 */
export function platformOf(site: PartSite): PlatformEnvironmentRef {
  if (!site.platform) throw new Error('This part deploys into a platform environment, and its kind names none.');
  return site.platform;
}

/**
 * Adds a cost line: what it is and what it costs a month.
 *
 * @public
 */
export type AddCost = (item: string, monthlyUsd: number) => void;

/**
 * One part of a stack: a construct and everything the platform knows about
 * its answers (the schema that checks them, what it costs, what else must
 * hold). `Input` is the construct's input without the environment, which is
 * the stack's own.
 *
 * @public
 */
export interface StackPart<Input extends object = object> {
  /** The construct's id in the stack. */
  id: string;
  /** Checks the answers, with the stack's environment folded in by `withStack`. */
  schema: z.ZodType;
  /** The answers as the construct and its schema take them: the stack's environment, and whatever else the stack decides. */
  withStack(value: Input, where: StackWhere): Input & { environment: EnvironmentProfile };
  /** Builds the part's construct into the stack. */
  build(scope: Construct, input: Input & { environment: EnvironmentProfile }, site: PartSite): BuiltPart;
  /** Adds the part's cost lines; `parsed` is its schema's output. */
  estimate(parsed: never, where: StackWhere, add: AddCost): void;
  /** What the price table cannot price, in a sentence, if anything. */
  unpriced?: string;
  /** Problems the schema cannot see alone (they need the stack's Region, account or zones), as sentences keyed by field. */
  problems?(value: Input, where: StackWhere): Array<[field: string, message: string]>;
}

/**
 * A part the stack may leave out.
 *
 * @public
 */
export interface OptionalPart<Input extends object = object> extends StackPart<Input> {
  /** Marks the part as one the stack may leave out. */
  optional: true;
}

/**
 * Marks a part as one its kind's stacks may leave out.
 *
 * @public
 */
export const optionalPart = <I extends object>(part: StackPart<I>): OptionalPart<I> => ({ ...part, optional: true });

/**
 * A part's answers in stack-config.json: its construct's input without the environment.
 *
 * @public
 */
export type PartInput<P> = P extends StackPart<infer I> ? Omit<I, 'environment'> : never;
/**
 * The fields of stack-config.json a kind's parts take.
 *
 * @public
 */
export type PartsShape<P extends Record<string, StackPart<any>>> = {
  [F in keyof P]: P[F] extends OptionalPart<any> ? z.ZodOptional<z.ZodCustom<PartInput<P[F]>>> : z.ZodCustom<PartInput<P[F]>>;
};
/**
 * The zod shape of standaloneShape.
 *
 * @public
 */
export type StandaloneShape = typeof standaloneShape;
/**
 * The zod shape of inEnvironmentShape.
 *
 * @public
 */
export type InEnvironmentShape = typeof inEnvironmentShape;

/**
 * A kind of stack: its name, whether it deploys into a platform environment,
 * and its parts in the order they are built, keyed by the field of
 * stack-config.json that holds their answers.
 *
 * @public
 */
export interface StackKind<K extends string = string, E extends boolean = boolean, P extends Record<string, StackPart<any>> = Record<string, StackPart<any>>> {
  /** Its name, the `kind` of its stack-config.json. */
  kind: K;
  /** Whether it deploys into a platform environment (and names it). */
  inEnvironment: E;
  /** Its parts, keyed by the field that holds their answers, in the order they are built. */
  parts: P;
  /** The stack-config.json of this kind, each part an object its own schema checks. */
  configSchema: z.ZodObject<{ kind: z.ZodLiteral<K> } & (E extends true ? InEnvironmentShape : StandaloneShape) & PartsShape<P>>;
  /** The CloudFormation stack's description. */
  describe(config: StackWhere): string;
}

/**
 * A part of the configuration, typed as its construct's input without the
 * environment; its schema checks it, field by field, in
 * platformStackProblems, which says which part a problem is in.
 */
const partField = () => z.custom<object>(value => typeof value === 'object' && value !== null, { error: 'must be an object.' });

/**
 * Declares a kind of stack from its parts.
 *
 * @public
 */
export function defineStackKind<const K extends string, const E extends boolean, P extends Record<string, StackPart<any>>>(options: {
  kind: K;
  inEnvironment: E;
  parts: P;
  describe?: (config: StackWhere) => string;
}): StackKind<K, E, P> {
  const parts = Object.fromEntries(
    Object.entries(options.parts).map(([field, part]) => [field, 'optional' in part ? partField().optional() : partField()]),
  );
  const where = options.inEnvironment ? inEnvironmentShape : standaloneShape;
  return {
    kind: options.kind,
    inEnvironment: options.inEnvironment,
    parts: options.parts,
    configSchema: z.object({ kind: z.literal(options.kind), ...where, ...parts }) as unknown as StackKind<K, E, P>['configSchema'],
    describe:
      options.describe ??
      (c => `${c.kind} for ${c.tags.entityRef} in the platform environment ${c.environmentName} (${c.environment}), generated by the developer portal`),
  };
}
