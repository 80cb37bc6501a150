import { Duration, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fargateSizeProblem } from './fargateSizes';
import { partRuleProblems, profileFacts } from './fieldRules';
import { nameValueRecord } from './nameValueRecord';
import { acknowledge, PLATFORM_REASONS, skipCheckov } from './nag';
import type { PlatformEnvironmentRef } from './PlatformEnvironment';
import { ENVIRONMENT_PROFILES, PROFILE_DEFAULTS } from './profiles';

const NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/** A private ECR image: account, Region, repository, then a tag or a digest. */
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._\/-]+?)(?::([\w.-]+)|@(sha256:[a-f0-9]{64}))?$/;

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
    const { vpc, cluster } = platform;
    const p = fargateServiceSchema.parse(input);
    const profile = PROFILE_DEFAULTS[p.environment];
    // The schema asks for a port wherever one is used (a load balancer or other services reach it).
    const port = p.containerPort ?? 0;

    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: p.logGroupName || `/ecs/${p.serviceName}-${p.environment}`,
      retention: (p.logRetentionDays ?? profile.logRetentionDays) as logs.RetentionDays,
      removalPolicy: profile.removalPolicy,
    });
    skipCheckov(logGroup, 'CKV_AWS_158', PLATFORM_REASONS.logsWithoutCustomerKey);

    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      family: p.taskFamily || `${p.serviceName}-${p.environment}`,
      cpu: p.cpu,
      memoryLimitMiB: p.memoryMiB,
    });
    task.addContainer('App', {
      containerName: p.containerName || p.serviceName,
      image: this.imageFrom(p.image),
      portMappings: p.containerPort ? [{ containerPort: p.containerPort }] : [],
      environment: p.environmentVariables,
      secrets: Object.fromEntries(
        p.secrets.map(s => [s.name, this.secretFrom(s.name, s.from)]),
      ),
      healthCheck: p.healthCheckCommand
        ? {
            command: ['CMD-SHELL', p.healthCheckCommand],
            interval: Duration.seconds(30),
            timeout: Duration.seconds(5),
            retries: 3,
          }
        : undefined,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'ecs', logGroup }),
    });
    if (Object.keys(p.environmentVariables).length > 0) {
      acknowledge(task, 'AwsSolutions-ECS2', 'Plain environment variables carry non-secret settings only; secrets are injected from SSM or Secrets Manager.');
    }
    if (ECR_IMAGE.test(p.image)) {
      acknowledge(task, 'AwsSolutions-IAM5[Resource::*]', 'ecr:GetAuthorizationToken has no resource-level permission; pulls are limited to the image’s own repository.');
    }

    const callers = [p.loadBalanced && 'the environment load balancer', p.internal && 'the environment services'].filter(Boolean);
    const serviceSg = new ec2.SecurityGroup(this, 'ServiceSg', {
      vpc,
      description: callers.length ? `${p.serviceName} tasks: only ${callers.join(' and ')} may connect` : `${p.serviceName} tasks: a worker, nothing connects to it`,
    });
    if (p.loadBalanced) {
      serviceSg.addIngressRule(platform.loadBalancerSecurityGroup, ec2.Port.tcp(port), 'From the load balancer');
    }
    if (p.internal) {
      serviceSg.addIngressRule(platform.servicesSecurityGroup, ec2.Port.tcp(port), 'From the environment services');
    }

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
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
      capacityProviderStrategies: [
        // One provider may hold a base: FARGATE's first task, or the Spot base the form asks for.
        ...(p.fargateWeight > 0 ? [{ capacityProvider: 'FARGATE', weight: p.fargateWeight, base: p.spotBaseTasks === 0 && p.minCount > 0 ? 1 : 0 }] : []),
        ...(p.spotWeight > 0 ? [{ capacityProvider: 'FARGATE_SPOT', weight: p.spotWeight, base: p.spotBaseTasks }] : []),
      ],
    });

    if (p.loadBalanced) {
      this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
        vpc,
        port,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        targets: [this.service],
        healthCheck: {
          path: p.healthCheckPath,
          interval: Duration.seconds(30),
          timeout: Duration.seconds(5),
          healthyThresholdCount: 2,
          unhealthyThresholdCount: 3,
        },
        deregistrationDelay: Duration.seconds(30),
      });
      this.route = new elbv2.ApplicationListenerRule(this, 'Route', {
        listener: platform.httpsListener,
        priority: p.listenerPriority,
        conditions: [
          ...(p.pathPatterns.length ? [elbv2.ListenerCondition.pathPatterns(p.pathPatterns)] : []),
          ...(p.hostHeaders.length ? [elbv2.ListenerCondition.hostHeaders(p.hostHeaders)] : []),
        ],
        action: elbv2.ListenerAction.forward([this.targetGroup]),
      });
    }

    // Target tracking on each signal the form gives; the highest task count wins.
    const scaling = this.service.autoScaleTaskCount({ minCapacity: p.minCount, maxCapacity: p.maxCount });
    const cooldowns = {
      scaleOutCooldown: Duration.seconds(p.scaleOutCooldownSeconds),
      scaleInCooldown: Duration.seconds(p.scaleInCooldownSeconds),
      // With a scale-in threshold, target tracking only adds tasks; the step policies below remove them.
      disableScaleIn: !!(p.scaleInBelowCpuPercent || p.scaleInBelowMemoryPercent),
    };
    if (p.cpuTargetPercent) {
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: p.cpuTargetPercent, ...cooldowns });
    }
    if (p.memoryTargetPercent) {
      scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: p.memoryTargetPercent, ...cooldowns });
    }
    if (this.targetGroup && p.requestsPerTargetPerMinute > 0) {
      scaling.scaleOnRequestCount('Requests', { requestsPerTarget: p.requestsPerTargetPerMinute, targetGroup: this.targetGroup, ...cooldowns });
    }
    // The application's own metric, tracked and (optionally) alarmed on alike.
    const custom = p.customScalingMetric && {
      ...p.customScalingMetric,
      metric: new cloudwatch.Metric({
        namespace: p.customScalingMetric.namespace,
        metricName: p.customScalingMetric.metricName,
        statistic: p.customScalingMetric.statistic,
        period: Duration.minutes(1),
      }),
    };
    if (custom) {
      scaling.scaleToTrackCustomMetric('Custom', { metric: custom.metric, targetValue: custom.targetValue, ...cooldowns });
    }
    // One task fewer when CPU (or memory) has stayed below its threshold for 5
    // minutes; nothing in between (the interval above it changes nothing).
    const scaleInBelow: Array<[string, number | null | undefined, cloudwatch.IMetric]> = [
      ['CpuLow', p.scaleInBelowCpuPercent, this.service.metricCpuUtilization({ period: Duration.minutes(1) })],
      ['MemoryLow', p.scaleInBelowMemoryPercent, this.service.metricMemoryUtilization({ period: Duration.minutes(1) })],
    ];
    for (const [policyId, threshold, metric] of scaleInBelow) {
      if (!threshold) continue;
      scaling.scaleOnMetric(policyId, {
        metric,
        scalingSteps: [
          { upper: threshold, change: -1 },
          { lower: threshold, change: 0 },
        ],
        adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
        evaluationPeriods: 5,
        cooldown: Duration.seconds(p.scaleInCooldownSeconds),
      });
    }

    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, op: cloudwatch.ComparisonOperator, description: string, evaluationPeriods = 3) =>
      this.alarms.push(
        new cloudwatch.Alarm(this, name, {
          alarmName: `${p.serviceName}-${p.environment}-${name}`,
          alarmDescription: description,
          metric,
          threshold,
          evaluationPeriods,
          comparisonOperator: op,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    const targetGroup = this.targetGroup;
    const http5xx = p.http5xxAlarm ?? { above: 10, periods: 3 };
    if (targetGroup) {
      // Target-group metrics carry the shared load balancer as a dimension.
      const targetMetric = (metricName: string, statistic: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/ApplicationELB',
          metricName,
          dimensionsMap: { TargetGroup: targetGroup.targetGroupFullName, LoadBalancer: platform.loadBalancerFullName },
          period: Duration.minutes(1),
          statistic,
        });
      alarm(
        'Http5xx',
        targetMetric('HTTPCode_Target_5XX_Count', 'Sum'),
        http5xx.above,
        cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        `More than ${http5xx.above} responses a minute are 5xx, ${http5xx.periods} minutes running.`,
        http5xx.periods,
      );
      alarm(
        'Latency',
        targetMetric('TargetResponseTime', 'p95'),
        p.latencyThresholdMs / 1000,
        cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        `p95 latency above ${p.latencyThresholdMs} ms, ${p.latencyAlarmPeriods} minutes running.`,
        p.latencyAlarmPeriods,
      );
      if (p.http4xxAlarm) {
        alarm(
          'Http4xx',
          targetMetric('HTTPCode_Target_4XX_Count', 'Sum'),
          p.http4xxAlarm.above,
          cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          `More than ${p.http4xxAlarm.above} responses a minute are 4xx, ${p.http4xxAlarm.periods} minutes running.`,
          p.http4xxAlarm.periods,
        );
      }
    }
    if (custom?.alarmAbove) {
      alarm('Custom', custom.metric, custom.alarmAbove, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, `${custom.metricName} above ${custom.alarmAbove}.`);
    }
    alarm('Cpu', this.service.metricCpuUtilization({ period: Duration.minutes(1) }), 85, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 'CPU above 85 %.');
    alarm(
      'RunningBelowDesired',
      new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights',
        metricName: 'RunningTaskCount',
        dimensionsMap: { ClusterName: cluster.clusterName, ServiceName: p.serviceName },
        period: Duration.minutes(1),
        statistic: 'Minimum',
      }),
      p.minCount,
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      `Fewer than ${p.minCount} tasks running.`,
    );
  }

  /**
   * The container image: from ECR (private, same or another account) with
   * pull rights granted to the task's execution role, or from a public
   * registry as it is.
   */
  private imageFrom(image: string): ecs.ContainerImage {
    const ecrImage = ECR_IMAGE.exec(image);
    if (!ecrImage) return ecs.ContainerImage.fromRegistry(image);
    const [, account, region, name, tag, digest] = ecrImage;
    const repository = ecr.Repository.fromRepositoryAttributes(this, 'Repository', {
      repositoryName: name,
      // Its own Region and account, the stack's partition.
      repositoryArn: Stack.of(this).formatArn({ service: 'ecr', region, account, resource: 'repository', resourceName: name }),
    });
    return ecs.ContainerImage.fromEcrRepository(repository, digest ?? tag ?? 'latest');
  }

  /** The environment's namespace, which an internal service registers in. */
  private internalNamespace(platform: PlatformEnvironmentRef): servicediscovery.INamespace {
    if (!platform.namespace) {
      throw new Error(`The platform environment ${platform.name} has no namespace for internal services; turn internal services on in it first.`);
    }
    return platform.namespace;
  }

  private secretFrom(name: string, from: string): ecs.Secret {
    if (from.startsWith('arn:')) {
      // A complete ARN ends in the 6 characters Secrets Manager appends to the name.
      const secret = /-[A-Za-z0-9]{6}$/.test(from)
        ? secretsmanager.Secret.fromSecretCompleteArn(this, `Secret${name}`, from)
        : secretsmanager.Secret.fromSecretPartialArn(this, `Secret${name}`, from);
      return ecs.Secret.fromSecretsManager(secret);
    }
    return ecs.Secret.fromSsmParameter(
      ssm.StringParameter.fromSecureStringParameterAttributes(this, `Param${name}`, {
        parameterName: from,
      }),
    );
  }
}
