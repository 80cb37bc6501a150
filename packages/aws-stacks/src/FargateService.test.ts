import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import {
  checkovFailures,
  cfnLintErrors,
  expectEveryFieldToMatter,
  synthWithNag,
} from './__testUtils__/synthCheck';
import { fargateServiceSchema, PlatformFargateService, type FargateServiceInput } from './FargateService';
import { importPlatformEnvironment } from './PlatformEnvironment';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';
import { applyPlatformTags } from './tags';

jest.setTimeout(120_000);

/** The CRM seed's core service. */
const crmCore = (environment: EnvironmentProfile): FargateServiceInput => ({
  serviceName: 'crm-core-service',
  environment,
  image: 'public.ecr.aws/nginx/nginx:1.27',
  containerPort: 3002,
  cpu: 512,
  memoryMiB: 1024,
  healthCheckPath: '/health',
  healthCheckCommand: 'curl -f http://localhost:3002/health || exit 1',
  environmentVariables: { NODE_ENV: 'production', PORT: '3002' },
  secrets: [
    { name: 'DB_URL', from: '/crm/core/database-url' },
    { name: 'REDIS_URL', from: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:crm-redis-AbCdEf' },
  ],
  desiredCount: 3,
  minCount: 2,
  maxCount: 15,
  cpuTargetPercent: 70,
  memoryTargetPercent: 80,
  scaleOutCooldownSeconds: 300,
  scaleInCooldownSeconds: 600,
  fargateWeight: 70,
  spotWeight: 30,
  pathPatterns: ['/*'],
  listenerPriority: 1000,
});

function build(input: FargateServiceInput) {
  return (stack: Stack) => {
    // As the stack builder does: the environment's ids imported from its exports.
    const platform = importPlatformEnvironment(stack, 'Platform', {
      name: 'crm-production',
      environment: input.environment as EnvironmentProfile,
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    const service = new PlatformFargateService(stack, 'Service', { ...input, platform });
    // 5xx, p95 latency, CPU, running below desired; a worker has no load balancer's two; the 4xx and custom ones when asked.
    expect(service.alarms).toHaveLength(
      (input.loadBalanced === false ? 2 : 4) + (input.customScalingMetric?.alarmAbove ? 1 : 0) + (input.http4xxAlarm ? 1 : 0),
    );
    applyPlatformTags(stack, {
      project: 'CRM-System',
      environment: input.environment as EnvironmentProfile,
      component: 'core',
      owner: 'crm-team@crm-consulting.com',
      costCenter: 'finance-consulting',
      entityRef: 'component:default/crm-core-service',
    });
  };
}

describe.each(ENVIRONMENT_PROFILES)('Fargate service (%s)', environment => {
  const { template } = synthWithNag(build(crmCore(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions (synthesis would throw) and cfn-lint, and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('sizes the task, weighs FARGATE/FARGATE_SPOT and rolls back failed deployments', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '512', Memory: '1024' });
    t.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 3,
      CapacityProviderStrategy: [
        { CapacityProvider: 'FARGATE', Weight: 70, Base: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 30 },
      ],
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  it('scales on CPU and memory with the cooldowns asked for', () => {
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 15 });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        TargetValue: 80,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' },
        ScaleInCooldown: 600,
        ScaleOutCooldown: 300,
      }),
    });
  });

  it('routes by path with the health-check path, and lets only the ALB in', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 1000,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/health', Port: 3002, TargetType: 'ip' });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 3002,
      ToPort: 3002,
      SourceSecurityGroupId: Match.anyValue(),
    });
  });

  it('brings no network, cluster or load balancer of its own: its rule goes on the environment’s HTTPS listener', () => {
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::NatGateway', 'AWS::ECS::Cluster', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener']) {
      t.resourceCountIs(type, 0);
    }
    const imported = (key: string) => ({ 'Fn::ImportValue': `platform-crm-production-${key}` });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { ListenerArn: imported('https-listener-arn') });
    t.hasResourceProperties('AWS::ECS::Service', { Cluster: imported('cluster-name') });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `crm-core-service-${environment}-Http5xx`,
      Dimensions: Match.arrayWith([{ Name: 'LoadBalancer', Value: imported('alb-full-name') }]),
    });
  });

  it('has the standard alarms and tags every taggable resource', () => {
    for (const name of ['Http5xx', 'Latency', 'Cpu', 'RunningBelowDesired']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `crm-core-service-${environment}-${name}` });
    }
    for (const tag of [
      { Key: 'Project', Value: 'CRM-System' },
      { Key: 'Environment', Value: environment },
      { Key: 'Component', Value: 'core' },
      { Key: 'Owner', Value: 'crm-team@crm-consulting.com' },
      { Key: 'CostCenter', Value: 'finance-consulting' },
      { Key: 'ManagedBy', Value: 'cdk' },
      { Key: 'backstage.io/entity', Value: 'component:default/crm-core-service' },
    ]) {
      for (const type of ['AWS::ECS::Service', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::EC2::SecurityGroup', 'AWS::Logs::LogGroup']) {
        t.hasResourceProperties(type, { Tags: Match.arrayWith([tag]) });
      }
    }
  });
});

it('runs the analytics consumer as a worker: no target group, no listener rule, nothing may connect', () => {
  const consumer: FargateServiceInput = {
    ...crmCore('production'),
    serviceName: 'analytics-consumer',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/analytics-consumer:latest',
    healthCheckCommand: undefined,
    loadBalanced: false,
    pathPatterns: [],
    desiredCount: 5,
    minCount: 5,
    maxCount: 20,
    // As the form gives them: lists of names and values.
    environmentVariables: [
      { name: 'KAFKA_GROUP_ID', value: 'analytics-consumers' },
      { name: 'DB_NAME', value: 'analytics' },
    ] as unknown as Record<string, string>,
    secrets: [{ name: 'DB_PASSWORD', from: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics/db-password' }],
  };
  let alarms = 0;
  const { template } = synthWithNag(stack => {
    const platform = importPlatformEnvironment(stack, 'Platform', { name: 'analytics-production', environment: 'production', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    alarms = new PlatformFargateService(stack, 'Service', { ...consumer, platform }).alarms.length;
  });
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  const t = Template.fromJSON(template);
  for (const type of ['AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::EC2::SecurityGroupIngress']) {
    t.resourceCountIs(type, 0);
  }
  t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 5, LoadBalancers: Match.absent() });
  t.hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [
      Match.objectLike({
        Environment: [
          { Name: 'KAFKA_GROUP_ID', Value: 'analytics-consumers' },
          { Name: 'DB_NAME', Value: 'analytics' },
        ],
        Secrets: [
          {
            Name: 'DB_PASSWORD',
            ValueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics/db-password',
          },
        ],
      }),
    ],
  });
  // CPU and tasks running below desired; no 5xx or latency alarm without a load balancer.
  expect(alarms).toBe(2);
  // Its image is in ECR: the execution role may pull it (and only from that repository).
  const [taskDefinition] = Object.values<any>(t.findResources('AWS::ECS::TaskDefinition'));
  expect(JSON.stringify(taskDefinition.Properties.ContainerDefinitions[0].Image)).toMatch(/123456789012\.dkr\.ecr\.us-east-1\..*analytics-consumer:latest/);
  t.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          // In the stack's partition.
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-east-1:123456789012:repository/analytics-consumer']] },
        }),
      ]),
    },
  });
});

it('names the task family and the container as the seed does, with its health check', () => {
  const auth: FargateServiceInput = {
    ...crmCore('production'),
    serviceName: 'crm-auth-service',
    taskFamily: 'crm-auth',
    containerName: 'auth-service',
    healthCheckCommand: 'curl -f http://localhost:3001/health || exit 1',
  };
  const t = Template.fromJSON(synthWithNag(build(auth)).template);
  t.hasResourceProperties('AWS::ECS::TaskDefinition', {
    Family: 'crm-auth',
    ContainerDefinitions: [
      Match.objectLike({
        Name: 'auth-service',
        HealthCheck: { Command: ['CMD-SHELL', 'curl -f http://localhost:3001/health || exit 1'], Interval: 30, Timeout: 5, Retries: 3 },
      }),
    ],
  });
  // Left empty in the form: the service's name per environment, and no container health check.
  const plain = Template.fromJSON(synthWithNag(build({ ...auth, taskFamily: '', containerName: '', healthCheckCommand: '' })).template);
  plain.hasResourceProperties('AWS::ECS::TaskDefinition', {
    Family: 'crm-auth-service-production',
    ContainerDefinitions: [Match.objectLike({ Name: 'crm-auth-service', HealthCheck: Match.absent() })],
  });
});

it('scales on requests per task (the monolith seed) and on the consumer’s Kafka lag (the analytics seed)', () => {
  const monolith = Template.fromJSON(synthWithNag(build({ ...crmCore('production'), requestsPerTargetPerMinute: 1000 })).template);
  monolith.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    TargetTrackingScalingPolicyConfiguration: Match.objectLike({
      TargetValue: 1000,
      PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
      ScaleOutCooldown: 300,
      ScaleInCooldown: 600,
    }),
  });
  const consumer: FargateServiceInput = {
    ...crmCore('production'),
    loadBalanced: false,
    pathPatterns: [],
    customScalingMetric: { namespace: 'Analytics', metricName: 'ConsumerLag', statistic: 'Average', targetValue: 10000, alarmAbove: 100000 },
  };
  const { template } = synthWithNag(build(consumer));
  Template.fromJSON(template).hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'crm-core-service-production-Custom',
    Namespace: 'Analytics',
    MetricName: 'ConsumerLag',
    Threshold: 100000,
    AlarmDescription: 'ConsumerLag above 100000.',
  });
  expect(cfnLintErrors(template)).toEqual([]);
  Template.fromJSON(template).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    TargetTrackingScalingPolicyConfiguration: Match.objectLike({
      TargetValue: 10000,
      CustomizedMetricSpecification: Match.objectLike({ Namespace: 'Analytics', MetricName: 'ConsumerLag', Statistic: 'Average' }),
    }),
  });
  expect(fargateServiceSchema.safeParse({ ...consumer, requestsPerTargetPerMinute: 500 }).error?.issues.map(i => i.message)).toEqual([
    'A worker gets no requests from the load balancer; set target requests per task to 0 and scale it on CPU or on its own metric.',
  ]);
});

it('runs the What If seed’s user service as an internal service: its callers are the environment’s services, found by name', () => {
  const users: FargateServiceInput = { ...crmCore('production'), serviceName: 'user-service', containerPort: 3001, loadBalanced: false, pathPatterns: [], internal: true };
  const { template } = synthWithNag(build(users));
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  const t = Template.fromJSON(template);
  t.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
  t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
    FromPort: 3001,
    ToPort: 3001,
    SourceSecurityGroupId: { 'Fn::ImportValue': 'platform-crm-production-services-security-group-id' },
  });
  t.hasResourceProperties('AWS::ServiceDiscovery::Service', {
    Name: 'user-service',
    NamespaceId: { 'Fn::ImportValue': 'platform-crm-production-namespace-id' },
    DnsConfig: Match.objectLike({ DnsRecords: [{ Type: 'A', TTL: 10 }] }),
  });
  // Every service joins the environment's group, so the gateway may call it.
  t.hasResourceProperties('AWS::ECS::Service', {
    NetworkConfiguration: {
      AwsvpcConfiguration: Match.objectLike({
        SecurityGroups: Match.arrayWith([{ 'Fn::ImportValue': 'platform-crm-production-services-security-group-id' }]),
      }),
    },
  });
});

it('scales out on CPU, memory and requests and in only below 30 % CPU, as the monolith seed does', () => {
  const monolith: FargateServiceInput = {
    ...crmCore('production'),
    cpuTargetPercent: 70,
    memoryTargetPercent: 80,
    requestsPerTargetPerMinute: 1000,
    scaleInBelowCpuPercent: 30,
  };
  const { template } = synthWithNag(build(monolith));
  expect(cfnLintErrors(template)).toEqual([]);
  const t = Template.fromJSON(template);
  const policies = Object.values<any>(t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).map(r => r.Properties);
  // Each target-tracking policy only adds tasks…
  const tracking = policies.filter(pol => pol.PolicyType === 'TargetTrackingScaling');
  expect(tracking.map(pol => pol.TargetTrackingScalingPolicyConfiguration.TargetValue).sort((a, b) => a - b)).toEqual([70, 80, 1000]);
  expect(tracking.every(pol => pol.TargetTrackingScalingPolicyConfiguration.DisableScaleIn === true)).toBe(true);
  // …and one step policy removes a task when CPU has been below 30 % for 5 minutes.
  const steps = policies.filter(pol => pol.PolicyType === 'StepScaling');
  expect(steps).toHaveLength(1);
  expect(steps[0].StepScalingPolicyConfiguration).toMatchObject({
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
  });
  t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'CPUUtilization',
    Threshold: 30,
    ComparisonOperator: 'LessThanOrEqualToThreshold',
    EvaluationPeriods: 5,
  });
  expect(fargateServiceSchema.safeParse({ ...monolith, scaleInBelowCpuPercent: 75 }).error?.issues.map(i => i.message)).toEqual([
    'Scale in below CPU % (75) must be under the 70 % CPU target, or tasks are added and removed in turn; try 35.',
  ]);
});

it('runs the CRM seed’s ECS rules: scale in below 30 % CPU or 40 % memory, two base tasks on Spot, a 4xx alarm over 2 minutes', () => {
  const crm: FargateServiceInput = {
    ...crmCore('production'),
    memoryTargetPercent: 80,
    scaleInBelowCpuPercent: 30,
    scaleInBelowMemoryPercent: 40,
    fargateWeight: 70,
    spotWeight: 30,
    spotBaseTasks: 2,
    http4xxAlarm: { above: 10, periods: 2 },
  };
  const { template } = synthWithNag(build(crm));
  expect(cfnLintErrors(template)).toEqual([]);
  const t = Template.fromJSON(template);
  const steps = Object.values<any>(t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).filter(r => r.Properties.PolicyType === 'StepScaling');
  expect(steps).toHaveLength(2);
  for (const [metricName, threshold] of [['CPUUtilization', 30], ['MemoryUtilization', 40]] as const) {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metricName, Threshold: threshold, ComparisonOperator: 'LessThanOrEqualToThreshold' });
  }
  t.hasResourceProperties('AWS::ECS::Service', {
    CapacityProviderStrategy: [
      { CapacityProvider: 'FARGATE', Weight: 70, Base: 0 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 30, Base: 2 },
    ],
  });
  t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'crm-core-service-production-Http4xx',
    MetricName: 'HTTPCode_Target_4XX_Count',
    Threshold: 10,
    EvaluationPeriods: 2,
  });
  const problems = (change: Partial<FargateServiceInput>) => fargateServiceSchema.safeParse({ ...crm, ...change }).error?.issues.map(i => i.message);
  expect(problems({ scaleInBelowMemoryPercent: 85 })).toEqual(['Scale in below memory % (85) must be under the 80 % memory target, or tasks are added and removed in turn; try 40.']);
  expect(problems({ spotWeight: 0 })).toEqual(['Base tasks on FARGATE_SPOT (2) need a FARGATE_SPOT weight above 0 % (e.g. 50), or set them to 0.']);
  expect(problems({ loadBalanced: false, pathPatterns: [] })).toEqual(['A worker answers no requests through the load balancer, so it has no 4xx answers to alarm on; set the 4xx alarm to 0.']);
});

it('changes the template with every field', () => {
  const base = crmCore('production');
  const variants: Partial<FargateServiceInput>[] = [
    { containerPort: 8080 },
    { cpu: 1024, memoryMiB: 2048 },
    { healthCheckPath: '/ready' },
    { healthCheckCommand: 'true' },
    { environmentVariables: { NODE_ENV: 'staging' } },
    { secrets: [] },
    { logRetentionDays: 90 },
    { desiredCount: 4 },
    { minCount: 3 },
    { maxCount: 20 },
    { cpuTargetPercent: 60 },
    { memoryTargetPercent: 75 },
    { scaleOutCooldownSeconds: 120 },
    { scaleInCooldownSeconds: 900 },
    { fargateWeight: 50 },
    { spotWeight: 50 },
    { pathPatterns: ['/auth/*'] },
    { pathPatterns: ['/*', '/static/*'] },
    { loadBalanced: false, pathPatterns: [] },
    { hostHeaders: ['api.example.com'] },
    { listenerPriority: 200 },
    { image: 'public.ecr.aws/nginx/nginx:1.28' },
    { serviceName: 'crm-auth-service' },
    { latencyThresholdMs: 800 },
    { taskFamily: 'crm-core' },
    { requestsPerTargetPerMinute: 1000 },
    { internal: true },
    { customScalingMetric: { namespace: 'Analytics', metricName: 'ConsumerLag', targetValue: 10000 } },
    { containerName: 'crm-core' },
    { scaleInBelowCpuPercent: 30 },
    { memoryTargetPercent: 80, scaleInBelowMemoryPercent: 40 },
    { spotWeight: 30, spotBaseTasks: 2 },
    { http4xxAlarm: { above: 10 } },
    { http4xxAlarm: { above: 10, periods: 5 } },
    { logGroupName: '/ecs/crm-core-service' },
    { latencyAlarmPeriods: 5 },
    { http5xxAlarm: { above: 10, periods: 2 } },
    { http5xxAlarm: { above: 25, periods: 3 } },
    { cpuTargetPercent: null },
    { loadBalanced: false, pathPatterns: [], containerPort: null },
  ];
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, base, variants);
});

it('scales on the one signal a seed names: CPU only, or its own metric only', () => {
  const policies = (input: FargateServiceInput) => {
    const { template } = synthWithNag(build(input));
    expect(cfnLintErrors(template)).toEqual([]);
    return Object.values<any>(Template.fromJSON(template).findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).map(
      r => r.Properties.TargetTrackingScalingPolicyConfiguration,
    );
  };
  const cpuOnly = policies({ ...crmCore('production'), memoryTargetPercent: null });
  expect(cpuOnly).toEqual([expect.objectContaining({ TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } })]);
  const lagOnly = policies({
    ...crmCore('production'),
    cpuTargetPercent: null,
    memoryTargetPercent: null,
    customScalingMetric: { namespace: 'Analytics', metricName: 'ConsumerLag', targetValue: 10000 },
  });
  expect(lagOnly).toEqual([expect.objectContaining({ TargetValue: 10000, CustomizedMetricSpecification: expect.objectContaining({ MetricName: 'ConsumerLag' }) })]);
  // A fixed count needs no signal: the tasks stay at 3.
  expect(policies({ ...crmCore('production'), cpuTargetPercent: null, memoryTargetPercent: null, desiredCount: 3, minCount: 3, maxCount: 3 })).toEqual([]);
});

it('runs a worker that listens on nothing: no port, no rule, no way in', () => {
  const worker: FargateServiceInput = { ...crmCore('production'), serviceName: 'crm-social-worker', containerPort: null, loadBalanced: false, pathPatterns: [] };
  const { template } = synthWithNag(build(worker));
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  const t = Template.fromJSON(template);
  const [taskDefinition] = Object.values<any>(t.findResources('AWS::ECS::TaskDefinition'));
  expect(taskDefinition.Properties.ContainerDefinitions[0].PortMappings).toBeUndefined();
  t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  t.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 0);
});

it('alarms as the seeds do: the log group they name, 5xx over 2 minutes, latency over 3', () => {
  const { template } = synthWithNag(
    build({ ...crmCore('production'), logGroupName: '/ecs/crm-core-service', latencyThresholdMs: 2000, latencyAlarmPeriods: 3, http5xxAlarm: { above: 10, periods: 2 } }),
  );
  const t = Template.fromJSON(template);
  t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/ecs/crm-core-service' });
  t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HTTPCode_Target_5XX_Count', Threshold: 10, EvaluationPeriods: 2 });
  t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'TargetResponseTime', Threshold: 2, EvaluationPeriods: 3 });
});

describe('fargateServiceSchema', () => {
  it.each([
    [{ cpu: 256, memoryMiB: 4096 }, 'Fargate has no task with 256 CPU and 4096 MiB; 256 CPU takes 512, 1024 or 2048 MiB.'],
    [{ cpu: 300, memoryMiB: 1024 }, 'Fargate has no 300 CPU size; choose one of 256, 512, 1024, 2048, 4096, 8192, 16384.'],
    [{ desiredCount: 1 }, 'Desired tasks (1) must lie between the minimum (2) and the maximum (15); 2 would do.'],
    [{ fargateWeight: 0, spotWeight: 0 }, 'fargateWeight and spotWeight cannot both be 0.'],
    [{ serviceName: 'CRM Core' }, 'serviceName must be 3–32 lowercase letters, digits or dashes, starting with a letter.'],
    [{ pathPatterns: [] }, 'Give at least one path pattern or host header for the load balancer rule.'],
    [{ pathPatterns: ['/a', '/b', '/c', '/d', '/e', '/f'] }, 'one rule takes at most 5 path patterns.'],
    [{ containerPort: null }, 'A service behind the load balancer needs the port it listens on (e.g. 8080); only a worker that nothing reaches goes without one.'],
    [{ containerPort: null, loadBalanced: false, pathPatterns: [], internal: true }, 'A service other services call needs the port it listens on (e.g. 8080); only a worker that nothing reaches goes without one.'],
    [
      { cpuTargetPercent: null, memoryTargetPercent: null },
      'With no scaling signal (CPU, memory, requests or a custom metric) the service never moves between 2 and 15 tasks; set a target CPU % (e.g. 70), or the same minimum and maximum for a fixed count.',
    ],
    [{ logGroupName: 'ecs logs' }, 'logGroupName holds letters, digits and _ - / . # only (e.g. /ecs/crm-core-service).'],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = fargateServiceSchema.safeParse({ ...crmCore('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(sentence);
  });
});
