import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { type BuiltPart, STACK_KINDS, stackKindOf, type StackPart, type StackWhere } from './kinds';
import { importPlatformEnvironment } from './PlatformEnvironment';
import { applyPlatformTags } from './tags';

/** The kinds' configuration schemas, as a tuple (a mapped type keeps a tuple only over a type parameter). */
type ConfigSchemas<T extends readonly unknown[]> = { [I in keyof T]: T[I] extends { configSchema: infer C } ? C : never };

/**
 * What a generated repository's `stack-config.json` holds: the kind of stack
 * and the form's answers. The generated CDK app and the portal's validate
 * step both build from it, through `buildPlatformStack`.
 *
 * @public
 */
export const platformStackConfigSchema = z.discriminatedUnion(
  'kind',
  STACK_KINDS.map(k => k.configSchema) as unknown as ConfigSchemas<typeof STACK_KINDS>,
);

/**
 * A stack configuration, typed: one of the kinds in STACK_KINDS.
 *
 * @public
 */
export type PlatformStackConfig = z.infer<typeof platformStackConfigSchema>;

/**
 * Every problem with a stack configuration, as sentences prefixed with the
 * field they concern; empty when the stack can be built.
 *
 * @public
 */
export function platformStackProblems(config: unknown): string[] {
  const outer = platformStackConfigSchema.safeParse(config);
  if (!outer.success) {
    return outer.error.issues.map(i => `${i.path.join('.') || 'config'}: ${i.message}`);
  }
  const c: StackWhere = outer.data;
  return partsOf(outer.data).flatMap(([field, part, value]) => {
    const r = part.schema.safeParse(part.withStack(value, c));
    const schemaProblems = r.success ? [] : r.error.issues.map(i => `${[field, ...i.path].join('.')}: ${i.message}`);
    // What the schema cannot see alone: the forms' field rules, with the same sentences.
    const stackProblems = (part.problems?.(value, c) ?? []).map(([f, message]) => `${field}.${f}: ${message}`);
    return [...schemaProblems, ...stackProblems];
  });
}

/**
 * The parts a configuration holds, in the order its kind builds them, each
 * with its field and answers (a part the stack leaves out is not there).
 *
 * @public
 */
export function partsOf(config: PlatformStackConfig): Array<[field: string, part: StackPart, value: object]> {
  const values = config as unknown as Record<string, object | undefined>;
  return Object.entries(stackKindOf(config).parts).flatMap(([field, part]) => {
    const value = values[field];
    return value === undefined ? [] : [[field, part as StackPart, value] as [string, StackPart, object]];
  });
}

/**
 * The configuration, typed, when it can be built; otherwise an error whose
 * message lists every problem (what a generated repository's `cdk synth`
 * prints before it stops).
 *
 * @public
 */
export function parsePlatformStackConfig(config: unknown, file = 'stack-config.json'): PlatformStackConfig {
  const problems = platformStackProblems(config);
  if (problems.length > 0) {
    throw new Error(`${file} cannot be built:\n- ${problems.join('\n- ')}`);
  }
  return platformStackConfigSchema.parse(config);
}

/**
 * Builds the stack a configuration describes into an app: a platform
 * environment, or the constructs of its kind in the environment it names;
 * the platform tags.
 *
 * @public
 */
export function buildPlatformStack(
  app: App,
  config: PlatformStackConfig,
  options: { direct?: boolean } = {},
): Stack {
  const kind = stackKindOf(config);
  const stack = new Stack(app, config.stackName, {
    env: { account: config.account, region: config.region },
    // Deployed straight through CloudFormation (no assets), the stack needs
    // no CDK bootstrap, so it does not check for one.
    synthesizer: options.direct
      ? new DefaultStackSynthesizer({ generateBootstrapVersionRule: false })
      : undefined,
    description: kind.describe(config),
  });
  // Zones a, b, c of the region: real names, so the template deploys as is.
  const availabilityZones = ['a', 'b', 'c'].map(zone => `${config.region}${zone}`);
  const where: StackWhere = config;
  const platform =
    kind.inEnvironment && where.environmentName
      ? importPlatformEnvironment(stack, 'Platform', {
          name: where.environmentName,
          environment: config.environment,
          availabilityZones,
          zones: where.environmentZones ?? undefined,
        })
      : undefined;
  const built: BuiltPart[] = partsOf(config).map(([, part, value]) =>
    part.build(stack, part.withStack(value, where), { platform, availabilityZones }),
  );
  // A part that is a client (a service) joins every other part's client group.
  for (const client of built.flatMap(b => b.clientConnections ?? [])) {
    for (const group of built.flatMap(b => b.clientSecurityGroup ?? [])) client.addSecurityGroup(group);
  }
  // Every alarm notifies the environment's alerts topic, when it fires and when it clears.
  if (platform) {
    const notify = new cloudwatchActions.SnsAction(platform.alertsTopic);
    for (const alarm of built.flatMap(b => b.alarms)) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }
  applyPlatformTags(stack, { ...config.tags, environment: config.environment });
  // cfn-lint reads this: it checks the template against what the stack's
  // own Region offers (resource types, instance classes), in the portal's
  // checks and in the generated repository's CI alike.
  stack.templateOptions.metadata = { ...stack.templateOptions.metadata, 'cfn-lint': { config: { regions: [config.region] } } };
  return stack;
}

/**
 * Builds an app from a configuration with cdk-nag's AwsSolutions checks as a
 * validation plugin, as the generated repository's `cdk synth` does.
 *
 * @public
 */
export function createPlatformApp(
  config: PlatformStackConfig,
  outdir?: string,
  options: { direct?: boolean } = {},
) {
  const app = new App(outdir ? { outdir } : undefined);
  const stack = buildPlatformStack(app, config, options);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
