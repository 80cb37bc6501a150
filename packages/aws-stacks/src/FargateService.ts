import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fargateSizeProblem } from './fargateSizes';
import { partRuleProblems, profileFacts } from './fieldRules';
import { nameValueRecord } from './nameValueRecord';
import { capacityProviders, loadBalancing, serviceAlarms, taskDefinition, taskScaling, taskSecurityGroup } from './fargateParts';
import type { PlatformEnvironmentRef } from './PlatformEnvironment';
import { ENVIRONMENT_PROFILES } from './profiles';

const NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;


/**
 * Everything the Fargate service template asks, validated. Every field
 * changes the synthesized template.
 *
 * @public
 */
export const fargateServiceSchema = z
  .object({
    serviceName: z.string().regex(NAME, {
      error: 'serviceName must be 3–32 lowercase letters, digits or dashes, starting with a letter.',
    }),
    environment: z.enum(ENVIRONMENT_PROFILES),
    image: z.string().min(1, { error: 'image is required.' }),
    /** The port it listens on; none for a worker that no load balancer and no other service reaches. */
    containerPort: z.number().int().min(1).max(65535).nullish(),
    cpu: z.number().int(),
    memoryMiB: z.number().int(),
    healthCheckPath: z.string().regex(/^\/[\w\-./]*$/, { error: 'healthCheckPath must start with /.' }),
    /** The container's own health check, run with CMD-SHELL every 30 s (e.g. `curl -f http://localhost:3001/health || exit 1`). */
    healthCheckCommand: z.string().max(1000).optional(),
    /** The task definition's family; `<serviceName>-<environment>` when not given. */
    taskFamily: z.string().regex(/^[A-Za-z0-9_-]{0,255}$/, { error: 'taskFamily holds letters, digits, dashes and underscores only.' }).optional(),
    /** The container's name; the service's name when not given. */
    containerName: z.string().regex(/^[A-Za-z0-9_-]{0,255}$/, { error: 'containerName holds letters, digits, dashes and underscores only.' }).optional(),
    environmentVariables: nameValueRecord('Environment variable').default({}),
    secrets: z
      .array(
        z.object({
          name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'secret names must be UPPER_SNAKE_CASE.' }),
          /** An SSM parameter path or a Secrets Manager ARN ({@link SECRET_SOURCE}, checked by the service.secret-source rule). */
          from: z.string().min(1, { error: 'a secret comes from an SSM parameter path (/crm/core/db-url) or a Secrets Manager ARN.' }),
        }),
      )
      .default([]),
    logRetentionDays: z.number().int().positive().nullish(),
    /** The container's log group; `/ecs/<serviceName>-<environment>` when not given (the CRM seed: /ecs/crm-core-service). */
    logGroupName: z.string().regex(/^[\w#/.-]{1,512}$/, { error: 'logGroupName holds letters, digits and _ - / . # only (e.g. /ecs/crm-core-service).' }).nullish(),
    desiredCount: z.number().int().min(0).max(100),
    minCount: z.number().int().min(0).max(100),
    maxCount: z.number().int().min(1).max(100),
    /** Scale to hold average CPU at this; null: not on CPU. */
    cpuTargetPercent: z.number().min(10).max(95).nullable().default(70),
    /** Likewise on memory; empty: not on memory. */
    memoryTargetPercent: z.number().min(10).max(95).nullish(),
    /** Also scale on requests per task through the load balancer (per minute); 0: off. */
    requestsPerTargetPerMinute: z.number().int().min(0).max(1_000_000).default(0),
    /** Also scale on a metric the application publishes, e.g. a consumer's Kafka lag. */
    customScalingMetric: z
      .object({
        namespace: z.string().regex(/^[^:][\w./#:-]{0,254}$/, { error: 'customScalingMetric.namespace is a CloudWatch namespace such as Analytics.' }),
        metricName: z.string().min(1).max(255),
        statistic: z.enum(['Average', 'Maximum', 'Sum']).default('Average'),
        targetValue: z.number().positive(),
        /** Also an alarm when the metric stays above this (e.g. the analytics seed's lag of 100,000). */
        alarmAbove: z.number().positive().nullish(),
      })
      .nullish(),
    /**
     * Scale in only when CPU is below this (one task at a time): the
     * target-tracking policies then only scale out. Empty: each policy
     * scales in below its own target.
     */
    scaleInBelowCpuPercent: z.number().int().min(1).max(90).nullish(),
    /** Likewise on memory (the CRM seed: below 40 %); either threshold removes a task. */
    scaleInBelowMemoryPercent: z.number().int().min(1).max(90).nullish(),
    scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(300),
    scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(600),
    fargateWeight: z.number().int().min(0).max(100).default(100),
    /** The first tasks run on FARGATE_SPOT (the CRM seed's base capacity of 2); 0: the first task runs on FARGATE. */
    spotBaseTasks: z.number().int().min(0).max(100).default(0),
    spotWeight: z.number().int().min(0).max(100).default(0),
    /** false: a worker (a queue or stream consumer) that no load balancer reaches. */
    loadBalanced: z.boolean().default(true),
    /** The environment's other services reach it at `<serviceName>.<environment name>.internal:<containerPort>`. */
    internal: z.boolean().default(false),
    pathPatterns: z.array(z.string().regex(/^\/[\w\-./*]*$/, { error: 'a path pattern starts with / (e.g. /api/*).' })).max(5, { error: 'one rule takes at most 5 path patterns.' }).default([]),
    hostHeaders: z.array(z.string().regex(/^[a-z0-9*.-]+$/i)).default([]),
    listenerPriority: z.number().int().min(1).max(50000).default(100),
    latencyThresholdMs: z.number().int().positive().default(500),
    /** Minutes the p95 latency must stay above its threshold before the alarm fires (the CRM seed: 3). */
    latencyAlarmPeriods: z.number().int().min(1).max(10).default(3),
    /** The alarm on the load balancer's 5xx answers: more than `above` a minute, `periods` minutes running (the analytics seed: 10, 2); empty: 10 and 3. */
    http5xxAlarm: z.object({ above: z.number().int().positive(), periods: z.number().int().min(1).max(10).default(3) }).nullish(),
    /** An alarm on the load balancer's 4xx answers (the CRM seed: more than 10 a minute, 2 minutes running). */
    http4xxAlarm: z
      .object({ above: z.number().int().positive(), periods: z.number().int().min(1).max(10).default(2) })
      .nullish(),
  })
  .superRefine((p, ctx) => {
    const weights = p.fargateWeight + p.spotWeight;
    const answers = {
      minCount: p.minCount,
      maxCount: p.maxCount,
      desiredCount: p.desiredCount,
      cpuTargetPercent: p.cpuTargetPercent ?? 0,
      memoryTargetPercent: p.memoryTargetPercent ?? 0,
      scaleInBelowCpuPercent: p.scaleInBelowCpuPercent ?? 0,
      scaleInBelowMemoryPercent: p.scaleInBelowMemoryPercent ?? 0,
      requestsPerTargetPerMinute: p.requestsPerTargetPerMinute,
      customMetricName: p.customScalingMetric?.metricName ?? '',
      spotBaseTasks: p.spotBaseTasks,
      // Any FARGATE_SPOT weight is a share above 0 %, however small.
      spotPercent: p.spotWeight > 0 ? Math.max(1, Math.round((100 * p.spotWeight) / weights)) : 0,
      containerPort: p.containerPort ?? 0,
      loadBalanced: p.loadBalanced,
      internal: p.internal,
      http4xxAlarmAbove: p.http4xxAlarm?.above ?? 0,
      secrets: p.secrets,
      environmentVariables: p.environmentVariables,
    };
    for (const problem of partRuleProblems('service', answers, profileFacts(p.environment))) ctx.addIssue({ code: 'custom', ...problem });
    // What the forms cannot answer wrongly: memory is a list per CPU size,
    // and the FARGATE_SPOT weight % makes the two weights add up to 100.
    const size = fargateSizeProblem(p.cpu, p.memoryMiB);
    if (size) ctx.addIssue({ code: 'custom', path: ['memoryMiB'], message: size });
    if (weights === 0) {
      ctx.addIssue({ code: 'custom', path: ['fargateWeight'], message: 'fargateWeight and spotWeight cannot both be 0.' });
    }
    // The form asks path patterns only of a load-balanced service, at least one.
    if (p.loadBalanced && p.pathPatterns.length + p.hostHeaders.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['pathPatterns'], message: 'Give at least one path pattern or host header for the load balancer rule.' });
    }
  });

/** @public */
export type FargateServiceInput = z.input<typeof fargateServiceSchema>;
/** @public */
export type FargateServiceProps = z.output<typeof fargateServiceSchema>;

/**
 * An ECS Fargate service in a platform environment: its tasks in the
 * environment's cluster and private subnets, reached through a rule on the
 * environment's shared HTTPS listener (its path patterns and host headers,
 * at its priority), or, as a worker, by nothing.
 *
 * @public
 */
export class PlatformFargateService extends Construct {
  readonly service: ecs.FargateService;
  /** The load balancer's targets and its rule on the environment's HTTPS listener; none for a worker. */
  readonly targetGroup?: elbv2.ApplicationTargetGroup;
  readonly route?: elbv2.ApplicationListenerRule;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, input: FargateServiceInput & { platform: PlatformEnvironmentRef }) {
    super(scope, id);
    const { platform } = input;
    const p = fargateServiceSchema.parse(input);
    const task = taskDefinition(this, p);
    const serviceSg = taskSecurityGroup(this, p, platform);
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: platform.cluster,
      serviceName: p.serviceName,
      taskDefinition: task,
      desiredCount: p.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      // Its own group, and the environment's: so it may call internal services.
      securityGroups: [serviceSg, platform.servicesSecurityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      cloudMapOptions: p.internal
        ? { name: p.serviceName, cloudMapNamespace: this.internalNamespace(platform), dnsRecordType: servicediscovery.DnsRecordType.A, dnsTtl: Duration.seconds(10) }
        : undefined,
      assignPublicIp: false,
      capacityProviderStrategies: capacityProviders(p),
    });
    if (p.loadBalanced) {
      const lb = loadBalancing(this, p, platform, this.service);
      this.targetGroup = lb.targetGroup;
      this.route = lb.route;
    }
    taskScaling(p, this.service, this.targetGroup);
    this.alarms.push(...serviceAlarms(this, p, platform, this.service, this.targetGroup));
  }

  /** The environment's namespace, which an internal service registers in. */
  private internalNamespace(platform: PlatformEnvironmentRef): servicediscovery.INamespace {
    if (!platform.namespace) {
      throw new Error(`The platform environment ${platform.name} has no namespace for internal services; turn internal services on in it first.`);
    }
    return platform.namespace;
  }
}
