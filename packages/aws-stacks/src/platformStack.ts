import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { type FargateServiceInput, fargateServiceSchema, PlatformFargateService } from './FargateService';
import { type MskClusterInput, mskClusterSchema, PlatformMskCluster } from './MskCluster';
import { type MskReplicatorInput, mskReplicatorSchema, parseMskClusterArn, PlatformMskReplicator } from './MskReplicator';
import {
  importPlatformEnvironment,
  PLATFORM_ENVIRONMENT_NAME,
  PlatformEnvironment,
  platformEnvironmentSchema,
  type PlatformEnvironmentInput,
} from './PlatformEnvironment';
import { AWS_REGION, ENVIRONMENT_PROFILES } from './profiles';
import {
  parseRdsInstanceArn,
  PlatformRdsCrossRegionReplica,
  type RdsCrossRegionReplicaInput,
  rdsCrossRegionReplicaSchema,
} from './RdsCrossRegionReplica';
import { PlatformRdsDatabase, type RdsDatabaseInput, rdsDatabaseSchema } from './RdsDatabase';
import { PlatformRedisCache, type RedisCacheInput, redisCacheSchema } from './RedisCache';
import { applyPlatformTags, platformTagsSchema } from './tags';
import { FIELD_RULES, fieldRuleProblems, profileFacts } from './fieldRules';

const common = {
  stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, {
    error: 'stackName must start with a letter and hold only letters, digits and dashes.',
  }),
  account: z.string().regex(/^\d{12}$/, { error: 'account must be a 12-digit AWS account id.' }),
  region: z.string().regex(AWS_REGION, { error: 'region must be an AWS region such as us-east-1.' }),
  environment: z.enum(ENVIRONMENT_PROFILES),
  tags: platformTagsSchema.omit({ environment: true }),
};

/**
 * A part of the configuration, typed as its construct's input without the
 * environment (the configuration's own); its schema checks it, field by
 * field, in platformStackProblems, which says which part a problem is in.
 */
const part = <T extends { environment?: unknown }>() => z.custom<Omit<T, 'environment'>>(value => typeof value === 'object' && value !== null, { error: 'must be an object.' });

/** Stacks that deploy into a platform environment name it. */
const inEnvironment = {
  ...common,
  /** The zones of the environment it deploys into (its aws.portal/zones annotation); default: the profile's. */
  environmentZones: z.coerce.number().int().min(2, { error: 'environmentZones must be 2 or 3.' }).max(3, { error: 'environmentZones must be 2 or 3.' }).nullish(),
  environmentName: z.string().regex(PLATFORM_ENVIRONMENT_NAME, {
    error: 'environmentName must name a platform environment: 3–32 lowercase letters, digits or dashes (e.g. crm-production).',
  }),
};

/**
 * What a generated repository's `stack-config.json` holds: the kind of stack
 * and the form's answers. The generated CDK app and the portal's validate
 * step both build from it, through `buildPlatformStack`.
 *
 * @public
 */
export const platformStackConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platform-environment'), ...common, platformEnvironment: part<PlatformEnvironmentInput>() }),
  z.object({ kind: z.literal('fargate-service'), ...inEnvironment, service: part<FargateServiceInput>() }),
  z.object({ kind: z.literal('rds-database'), ...inEnvironment, database: part<RdsDatabaseInput>() }),
  z.object({ kind: z.literal('rds-cross-region-replica'), ...inEnvironment, replica: part<RdsCrossRegionReplicaInput>() }),
  z.object({ kind: z.literal('redis-cache'), ...inEnvironment, cache: part<RedisCacheInput>() }),
  z.object({ kind: z.literal('msk-cluster'), ...inEnvironment, kafka: part<MskClusterInput>() }),
  z.object({ kind: z.literal('msk-replicator'), ...inEnvironment, replicator: part<MskReplicatorInput>() }),
  z.object({
    kind: z.literal('service-with-database'),
    ...inEnvironment,
    service: part<FargateServiceInput>(),
    database: part<RdsDatabaseInput>(),
    cache: part<RedisCacheInput>().optional(),
  }),
]);

/** @public */
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
  const c = outer.data;
  const withEnv = (value: object) => ({ ...value, environment: c.environment });
  const parts: Array<[string, z.ZodType, unknown]> = [];
  if ('platformEnvironment' in c) parts.push(['platformEnvironment', platformEnvironmentSchema, withEnv(c.platformEnvironment)]);
  if ('service' in c) parts.push(['service', fargateServiceSchema, withEnv(c.service)]);
  if ('database' in c) parts.push(['database', rdsDatabaseSchema, withEnv(c.database)]);
  if ('cache' in c && c.cache !== undefined) parts.push(['cache', redisCacheSchema, withEnv(c.cache)]);
  if ('kafka' in c) parts.push(['kafka', mskClusterSchema, { ...withEnv(c.kafka), zones: c.environmentZones ?? c.kafka.zones }]);
  if ('replica' in c) parts.push(['replica', rdsCrossRegionReplicaSchema, withEnv(c.replica)]);
  if ('replicator' in c) parts.push(['replicator', mskReplicatorSchema, withEnv(c.replicator)]);
  const problems = parts.flatMap(([name, schema, value]) => {
    const r = schema.safeParse(value);
    return r.success ? [] : r.error.issues.map(i => `${[name, ...i.path].join('.')}: ${i.message}`);
  });
  if ('database' in c && typeof c.database.backupReplicationRegion === 'string') {
    const facts = profileFacts(c.environment, 'environmentZones' in c ? c.environmentZones : undefined, c.region);
    // The templates write "missing" when no DR Region was chosen: the form's empty answer.
    const dr = c.database.backupReplicationRegion;
    const answers = { replicateBackups: true, drRegion: AWS_REGION.test(dr) ? dr : '' };
    for (const message of Object.values(fieldRuleProblems(['database.backup-copy-elsewhere'], answers, facts))) {
      problems.push(`database.backupReplicationRegion: ${message}`);
    }
  }
  // Where the picked source and target live, against this environment: the
  // forms' field rules, with the same sentences.
  const here = { ...profileFacts(c.environment, undefined, c.region), account: c.account };
  const picked: Array<[string, string, unknown, (arn: string) => { region: string; account: string } | undefined]> = [];
  if ('replica' in c) picked.push(['replica.sourceDatabaseArn', 'sourceDatabase', c.replica.sourceDatabaseArn, parseRdsInstanceArn]);
  if ('replicator' in c) {
    picked.push(
      ['replicator.sourceClusterArn', 'sourceCluster', c.replicator.sourceClusterArn, parseMskClusterArn],
      ['replicator.targetClusterArn', 'targetCluster', c.replicator.targetClusterArn, parseMskClusterArn],
    );
  }
  for (const [configField, field, arn, parse] of picked) {
    const where = typeof arn === 'string' ? parse(arn) : undefined;
    if (!where) continue;
    const rules = FIELD_RULES.filter(r => r.readsEntities?.includes(field)).map(r => r.id);
    const found = fieldRuleProblems(rules, { [field]: arn }, { ...here, picked: { [field]: where } });
    for (const message of Object.values(found)) problems.push(`${configField}: ${message}`);
  }
  return problems;
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
  const stack = new Stack(app, config.stackName, {
    env: { account: config.account, region: config.region },
    // Deployed straight through CloudFormation (no assets), the stack needs
    // no CDK bootstrap, so it does not check for one.
    synthesizer: options.direct
      ? new DefaultStackSynthesizer({ generateBootstrapVersionRule: false })
      : undefined,
    description:
      config.kind === 'platform-environment'
        ? `Platform environment for ${config.tags.entityRef} (${config.environment}), generated by the developer portal`
        : `${config.kind} for ${config.tags.entityRef} in the platform environment ${config.environmentName} (${config.environment}), generated by the developer portal`,
  });
  // Zones a, b, c of the region: real names, so the template deploys as is.
  const availabilityZones = ['a', 'b', 'c'].map(zone => `${config.region}${zone}`);
  if (config.kind === 'platform-environment') {
    // eslint-disable-next-line no-new -- a CDK construct adds itself to the stack it is given
    new PlatformEnvironment(stack, 'Environment', { ...config.platformEnvironment, environment: config.environment, availabilityZones });
  } else {
    buildInEnvironment(stack, config, availabilityZones);
  }
  applyPlatformTags(stack, { ...config.tags, environment: config.environment });
  // cfn-lint reads this: it checks the template against what the stack's
  // own Region offers (resource types, instance classes), in the portal's
  // checks and in the generated repository's CI alike.
  stack.templateOptions.metadata = { ...stack.templateOptions.metadata, 'cfn-lint': { config: { regions: [config.region] } } };
  return stack;
}

/** The constructs of a service, database, cache or Kafka stack, in the environment it names. */
function buildInEnvironment(
  stack: Stack,
  config: Exclude<PlatformStackConfig, { kind: 'platform-environment' }>,
  availabilityZones: string[],
) {
  const platform = importPlatformEnvironment(stack, 'Platform', {
    name: config.environmentName,
    environment: config.environment,
    availabilityZones,
    zones: config.environmentZones ?? undefined,
  });
  const env = { environment: config.environment, vpc: platform.vpc };
  const built: Array<{ alarms: cloudwatch.Alarm[] }> = [];
  const service =
    'service' in config
      ? new PlatformFargateService(stack, 'Service', { ...config.service, environment: config.environment, platform })
      : undefined;
  if (service) built.push(service);
  if ('database' in config) {
    const db = new PlatformRdsDatabase(stack, 'Database', { ...config.database, ...env });
    service?.service.connections.addSecurityGroup(db.clientSecurityGroup);
    built.push(db);
  }
  if ('cache' in config && config.cache) {
    const cache = new PlatformRedisCache(stack, 'Cache', { ...config.cache, ...env, notificationTopicArn: platform.alertsTopic.topicArn });
    service?.service.connections.addSecurityGroup(cache.clientSecurityGroup);
    built.push(cache);
  }
  if ('replica' in config) {
    built.push(new PlatformRdsCrossRegionReplica(stack, 'Replica', { ...config.replica, ...env }));
  }
  if ('replicator' in config) {
    built.push(new PlatformMskReplicator(stack, 'Replicator', { ...config.replicator, ...env }));
  }
  if ('kafka' in config) {
    const kafka = new PlatformMskCluster(stack, 'Kafka', { ...config.kafka, ...env, zones: config.environmentZones ?? config.kafka.zones });
    service?.service.connections.addSecurityGroup(kafka.clientSecurityGroup);
    built.push(kafka);
  }
  // Every alarm notifies the environment's alerts topic, when it fires and when it clears.
  const notify = new cloudwatchActions.SnsAction(platform.alertsTopic);
  for (const alarm of built.flatMap(c => c.alarms)) {
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }
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
