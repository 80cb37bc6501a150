/*
 * The parts of a platform Fargate service, each a function of the parsed
 * answers that adds its constructs under the service's scope (so their
 * logical ids are the service's own): the task and its container, who may
 * connect, the load balancer's targets and rule, scaling, and alarms.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { type PlatformAlarm, platformAlarms } from './alarms';
import type { FargateServiceProps } from './FargateService';
import { acknowledge, PLATFORM_REASONS, skipCheckov } from './nag';
import type { PlatformEnvironmentRef } from './PlatformEnvironment';
import { PROFILE_DEFAULTS } from './profiles';

/** A private ECR image: account, Region, repository, then a tag or a digest. */
export const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+?)(?::([\w.-]+)|@(sha256:[a-f0-9]{64}))?$/;

/**
 * The container image: from ECR (private, same or another account) with
 * pull rights granted to the task's execution role, or from a public
 * registry as it is.
 */
function imageFrom(scope: Construct, image: string): ecs.ContainerImage {
  const ecrImage = ECR_IMAGE.exec(image);
  if (!ecrImage) return ecs.ContainerImage.fromRegistry(image);
  const [, account, region, name, tag, digest] = ecrImage;
  const repository = ecr.Repository.fromRepositoryAttributes(scope, 'Repository', {
    repositoryName: name,
    // Its own Region and account, the stack's partition.
    repositoryArn: Stack.of(scope).formatArn({ service: 'ecr', region, account, resource: 'repository', resourceName: name }),
  });
  return ecs.ContainerImage.fromEcrRepository(repository, digest ?? tag ?? 'latest');
}

function secretFrom(scope: Construct, name: string, from: string): ecs.Secret {
  if (from.startsWith('arn:')) {
    // A complete ARN ends in the 6 characters Secrets Manager appends to the name.
    const secret = /-[A-Za-z0-9]{6}$/.test(from)
      ? secretsmanager.Secret.fromSecretCompleteArn(scope, `Secret${name}`, from)
      : secretsmanager.Secret.fromSecretPartialArn(scope, `Secret${name}`, from);
    return ecs.Secret.fromSecretsManager(secret);
  }
  return ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(scope, `Param${name}`, { parameterName: from }));
}

/** The task definition, its one container and the log group it writes to. */
export function taskDefinition(scope: Construct, p: FargateServiceProps): ecs.FargateTaskDefinition {
  const profile = PROFILE_DEFAULTS[p.environment];
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    logGroupName: p.logGroupName || `/ecs/${p.serviceName}-${p.environment}`,
    retention: (p.logRetentionDays ?? profile.logRetentionDays) as logs.RetentionDays,
    removalPolicy: profile.removalPolicy,
  });
  skipCheckov(logGroup, 'CKV_AWS_158', PLATFORM_REASONS.logsWithoutCustomerKey);

  const task = new ecs.FargateTaskDefinition(scope, 'Task', {
    family: p.taskFamily || `${p.serviceName}-${p.environment}`,
    cpu: p.cpu,
    memoryLimitMiB: p.memoryMiB,
  });
  const healthCheck = p.healthCheckCommand
    ? { command: ['CMD-SHELL', p.healthCheckCommand], interval: Duration.seconds(30), timeout: Duration.seconds(5), retries: 3 }
    : undefined;
  task.addContainer('App', {
    containerName: p.containerName || p.serviceName,
    image: imageFrom(scope, p.image),
    portMappings: p.containerPort ? [{ containerPort: p.containerPort }] : [],
    environment: p.environmentVariables,
    secrets: Object.fromEntries(p.secrets.map(s => [s.name, secretFrom(scope, s.name, s.from)])),
    healthCheck,
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'ecs', logGroup }),
  });
  if (Object.keys(p.environmentVariables).length > 0) {
    acknowledge(task, 'AwsSolutions-ECS2', 'Plain environment variables carry non-secret settings only; secrets are injected from SSM or Secrets Manager.');
  }
  if (ECR_IMAGE.test(p.image)) {
    acknowledge(task, 'AwsSolutions-IAM5[Resource::*]', 'ecr:GetAuthorizationToken has no resource-level permission; pulls are limited to the image’s own repository.');
  }
  return task;
}

/** The tasks' own security group: the load balancer and the environment's services only, as the answers say; nothing for a worker. */
export function taskSecurityGroup(scope: Construct, p: FargateServiceProps, platform: PlatformEnvironmentRef): ec2.SecurityGroup {
  // The schema asks for a port wherever one is used (a load balancer or other services reach it).
  const port = p.containerPort ?? 0;
  const callers = [p.loadBalanced && 'the environment load balancer', p.internal && 'the environment services'].filter(Boolean);
  const group = new ec2.SecurityGroup(scope, 'ServiceSg', {
    vpc: platform.vpc,
    description: callers.length ? `${p.serviceName} tasks: only ${callers.join(' and ')} may connect` : `${p.serviceName} tasks: a worker, nothing connects to it`,
  });
  if (p.loadBalanced) group.addIngressRule(platform.loadBalancerSecurityGroup, ec2.Port.tcp(port), 'From the load balancer');
  if (p.internal) group.addIngressRule(platform.servicesSecurityGroup, ec2.Port.tcp(port), 'From the environment services');
  return group;
}

/** FARGATE and FARGATE_SPOT by the answers' weights; one provider may hold a base: FARGATE's first task, or the Spot base asked for. */
export function capacityProviders(p: FargateServiceProps): ecs.CapacityProviderStrategy[] {
  return [
    ...(p.fargateWeight > 0 ? [{ capacityProvider: 'FARGATE', weight: p.fargateWeight, base: p.spotBaseTasks === 0 && p.minCount > 0 ? 1 : 0 }] : []),
    ...(p.spotWeight > 0 ? [{ capacityProvider: 'FARGATE_SPOT', weight: p.spotWeight, base: p.spotBaseTasks }] : []),
  ];
}

/** The load balancer's targets (the tasks, by IP) and the service's rule on the environment's HTTPS listener. */
export function loadBalancing(scope: Construct, p: FargateServiceProps, platform: PlatformEnvironmentRef, service: ecs.FargateService) {
  const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'Targets', {
    vpc: platform.vpc,
    port: p.containerPort ?? 0,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
    targets: [service],
    healthCheck: { path: p.healthCheckPath, interval: Duration.seconds(30), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
    deregistrationDelay: Duration.seconds(30),
  });
  const route = new elbv2.ApplicationListenerRule(scope, 'Route', {
    listener: platform.httpsListener,
    priority: p.listenerPriority,
    conditions: [
      ...(p.pathPatterns.length ? [elbv2.ListenerCondition.pathPatterns(p.pathPatterns)] : []),
      ...(p.hostHeaders.length ? [elbv2.ListenerCondition.hostHeaders(p.hostHeaders)] : []),
    ],
    action: elbv2.ListenerAction.forward([targetGroup]),
  });
  return { targetGroup, route };
}

/** The application's own metric, which the service scales on and (optionally) alarms on alike. */
export function customMetric(p: FargateServiceProps) {
  if (!p.customScalingMetric) return undefined;
  const { namespace, metricName, statistic } = p.customScalingMetric;
  return { ...p.customScalingMetric, metric: new cloudwatch.Metric({ namespace, metricName, statistic, period: Duration.minutes(1) }) };
}

/**
 * Target tracking on each signal the answers give (the highest task count
 * wins), and one task fewer when CPU or memory has stayed below its
 * scale-in threshold for 5 minutes.
 */
export function taskScaling(p: FargateServiceProps, service: ecs.FargateService, targetGroup?: elbv2.ApplicationTargetGroup) {
  const scaling = service.autoScaleTaskCount({ minCapacity: p.minCount, maxCapacity: p.maxCount });
  const cooldowns = {
    scaleOutCooldown: Duration.seconds(p.scaleOutCooldownSeconds),
    scaleInCooldown: Duration.seconds(p.scaleInCooldownSeconds),
    // With a scale-in threshold, target tracking only adds tasks; the step policies below remove them.
    disableScaleIn: !!(p.scaleInBelowCpuPercent || p.scaleInBelowMemoryPercent),
  };
  if (p.cpuTargetPercent) scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: p.cpuTargetPercent, ...cooldowns });
  if (p.memoryTargetPercent) scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: p.memoryTargetPercent, ...cooldowns });
  if (targetGroup && p.requestsPerTargetPerMinute > 0) {
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget: p.requestsPerTargetPerMinute, targetGroup, ...cooldowns });
  }
  const custom = customMetric(p);
  if (custom) scaling.scaleToTrackCustomMetric('Custom', { metric: custom.metric, targetValue: custom.targetValue, ...cooldowns });
  // Nothing in between: the interval above the threshold changes nothing.
  const scaleInBelow: Array<[string, number | null | undefined, cloudwatch.IMetric]> = [
    ['CpuLow', p.scaleInBelowCpuPercent, service.metricCpuUtilization({ period: Duration.minutes(1) })],
    ['MemoryLow', p.scaleInBelowMemoryPercent, service.metricMemoryUtilization({ period: Duration.minutes(1) })],
  ];
  for (const [policyId, threshold, metric] of scaleInBelow) {
    if (!threshold) continue;
    scaling.scaleOnMetric(policyId, {
      metric,
      scalingSteps: [{ upper: threshold, change: -1 }, { lower: threshold, change: 0 }],
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      evaluationPeriods: 5,
      cooldown: Duration.seconds(p.scaleInCooldownSeconds),
    });
  }
}

/** The service's alarms: 5xx, latency and (optionally) 4xx behind the load balancer, its own metric, CPU, and tasks below the minimum. */
export function serviceAlarms(
  scope: Construct,
  p: FargateServiceProps,
  platform: PlatformEnvironmentRef,
  service: ecs.FargateService,
  targetGroup?: elbv2.ApplicationTargetGroup,
): cloudwatch.Alarm[] {
  const missing = cloudwatch.TreatMissingData.NOT_BREACHING;
  const alarms: PlatformAlarm[] = [];
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
    const http5xx = p.http5xxAlarm ?? { above: 10, periods: 3 };
    alarms.push(
      { name: 'Http5xx', metric: targetMetric('HTTPCode_Target_5XX_Count', 'Sum'), threshold: http5xx.above, periods: http5xx.periods, missing, description: `More than ${http5xx.above} responses a minute are 5xx, ${http5xx.periods} minutes running.` },
      { name: 'Latency', metric: targetMetric('TargetResponseTime', 'p95'), threshold: p.latencyThresholdMs / 1000, periods: p.latencyAlarmPeriods, missing, description: `p95 latency above ${p.latencyThresholdMs} ms, ${p.latencyAlarmPeriods} minutes running.` },
    );
    if (p.http4xxAlarm) {
      const { above, periods } = p.http4xxAlarm;
      alarms.push({ name: 'Http4xx', metric: targetMetric('HTTPCode_Target_4XX_Count', 'Sum'), threshold: above, periods, missing, description: `More than ${above} responses a minute are 4xx, ${periods} minutes running.` });
    }
  }
  const custom = customMetric(p);
  if (custom?.alarmAbove) alarms.push({ name: 'Custom', metric: custom.metric, threshold: custom.alarmAbove, missing, description: `${custom.metricName} above ${custom.alarmAbove}.` });
  const running = new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionsMap: { ClusterName: platform.cluster.clusterName, ServiceName: p.serviceName },
    period: Duration.minutes(1),
    statistic: 'Minimum',
  });
  alarms.push(
    { name: 'Cpu', metric: service.metricCpuUtilization({ period: Duration.minutes(1) }), threshold: 85, missing, description: 'CPU above 85 %.' },
    { name: 'RunningBelowDesired', metric: running, threshold: p.minCount, below: true, missing, description: `Fewer than ${p.minCount} tasks running.` },
  );
  return platformAlarms(scope, `${p.serviceName}-${p.environment}`, alarms);
}
