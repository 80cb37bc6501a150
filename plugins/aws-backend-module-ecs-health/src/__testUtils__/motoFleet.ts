import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsClientFactory } from '@internal/plugin-aws-node';
import pLimit from 'p-limit';

export interface MotoFleetShape {
  /** One number for every account × region, or one per account × region in order. */
  clustersPerTarget: number | number[];
  servicesPerCluster: number;
  /** Tasks started and stopped (with a reason) per cluster. */
  stoppedTasksPerCluster: number;
  /**
   * Every n-th service's target group reports one unhealthy target in
   * CloudWatch (0: none). Default 0.
   */
  unhealthyEvery?: number;
}

const dimension = (arn: string) => arn.split(':').slice(5).join(':');

/**
 * Builds a realistic ECS fleet on moto_server through the portal's own client
 * factory: per cluster an ALB with an HTTP listener; per service its own task
 * definition (awslogs), its own target group behind a listener rule, tags,
 * circuit breaker and FARGATE/FARGATE_SPOT weights; stopped tasks. moto runs
 * no load balancer, so the fleet publishes what ALB would: HealthyHostCount
 * and UnHealthyHostCount per target group (PutMetricData, AWS/ApplicationELB).
 */
export async function buildMotoFleet(
  factory: AwsClientFactory,
  accountRegions: AccountRegion[],
  shape: MotoFleetShape,
): Promise<void> {
  const limit = pLimit(16);
  for (const [index, ar] of accountRegions.entries()) {
    const clusters = Array.isArray(shape.clustersPerTarget)
      ? shape.clustersPerTarget[index]
      : shape.clustersPerTarget;
    const ecs = await factory.create(ECSClient, ar);
    const elb = await factory.create(ElasticLoadBalancingV2Client, ar);
    const cloudwatch = await factory.create(CloudWatchClient, ar);
    // moto wants real ids from its default VPC for awsvpc tasks and ALBs.
    const ec2 = await factory.create(EC2Client, ar);
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
    const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({}));
    const vpcId = Subnets[0].VpcId!;
    const network = {
      awsvpcConfiguration: {
        subnets: [Subnets[0].SubnetId!],
        securityGroups: [SecurityGroups[0].GroupId!],
      },
    };
    const metrics: MetricDatum[] = [];
    const jobs: Promise<unknown>[] = [];
    for (let c = 0; c < clusters; c++) {
      const cluster = `cluster-${c}`;
      jobs.push(
        (async () => {
          await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
          const { LoadBalancers } = await elb.send(
            new CreateLoadBalancerCommand({
              Name: `alb-${c}`,
              Subnets: Subnets.slice(0, 2).map(s => s.SubnetId!),
              SecurityGroups: [SecurityGroups[0].GroupId!],
              Type: 'application',
            }),
          );
          const lbArn = LoadBalancers![0].LoadBalancerArn!;
          const { Listeners } = await elb.send(
            new CreateListenerCommand({
              LoadBalancerArn: lbArn,
              Protocol: 'HTTP',
              Port: 80,
              DefaultActions: [
                { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } },
              ],
            }),
          );
          const listenerArn = Listeners![0].ListenerArn!;
          const taskDefinitions: string[] = [];
          await Promise.all(
            Array.from({ length: shape.servicesPerCluster }, (_, s) =>
              limit(async () => {
                const name = `svc-${c}-${s}`;
                const { taskDefinition } = await ecs.send(
                  new RegisterTaskDefinitionCommand({
                    family: name,
                    requiresCompatibilities: ['FARGATE'],
                    networkMode: 'awsvpc',
                    cpu: '512',
                    memory: '1024',
                    containerDefinitions: [
                      {
                        name: 'app',
                        image: 'public.ecr.aws/nginx/nginx:latest',
                        essential: true,
                        cpu: 512,
                        memory: 1024,
                        portMappings: [{ containerPort: 8080 }],
                        logConfiguration: {
                          logDriver: 'awslogs',
                          options: {
                            'awslogs-group': `/ecs/${name}`,
                            'awslogs-region': ar.region,
                            'awslogs-stream-prefix': 'ecs',
                          },
                        },
                      },
                    ],
                  }),
                );
                taskDefinitions[s] = taskDefinition!.taskDefinitionArn!;
                const { TargetGroups } = await elb.send(
                  new CreateTargetGroupCommand({
                    Name: `tg-${c}-${s}`,
                    Protocol: 'HTTP',
                    Port: 8080,
                    VpcId: vpcId,
                    TargetType: 'ip',
                    HealthCheckPath: '/health',
                  }),
                );
                const tgArn = TargetGroups![0].TargetGroupArn!;
                await elb.send(
                  new CreateRuleCommand({
                    ListenerArn: listenerArn,
                    Priority: s + 1,
                    Conditions: [{ Field: 'path-pattern', Values: [`/${name}/*`] }],
                    Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
                  }),
                );
                await ecs.send(
                  new CreateServiceCommand({
                    cluster,
                    serviceName: name,
                    taskDefinition: taskDefinition!.taskDefinitionArn,
                    desiredCount: 2,
                    loadBalancers: [
                      { targetGroupArn: tgArn, containerName: 'app', containerPort: 8080 },
                    ],
                    capacityProviderStrategy: [
                      { capacityProvider: 'FARGATE', weight: 70, base: 1 },
                      { capacityProvider: 'FARGATE_SPOT', weight: 30 },
                    ],
                    deploymentConfiguration: {
                      deploymentCircuitBreaker: { enable: true, rollback: true },
                    },
                    tags: [
                      { key: 'Project', value: `project-${c % 5}` },
                      { key: 'Component', value: name },
                      { key: 'Environment', value: 'production' },
                    ],
                  }),
                );
                const unhealthy =
                  shape.unhealthyEvery && (c * shape.servicesPerCluster + s) % shape.unhealthyEvery === 0
                    ? 1
                    : 0;
                const Dimensions = [
                  { Name: 'TargetGroup', Value: dimension(tgArn) },
                  { Name: 'LoadBalancer', Value: dimension(lbArn).replace(/^loadbalancer\//, '') },
                ];
                const Timestamp = new Date(Date.now() - 60_000);
                metrics.push(
                  { MetricName: 'HealthyHostCount', Dimensions, Value: 2 - unhealthy, Timestamp },
                  { MetricName: 'UnHealthyHostCount', Dimensions, Value: unhealthy, Timestamp },
                );
              }),
            ),
          );
          for (let t = 0; t < shape.stoppedTasksPerCluster; t++) {
            const s = t % shape.servicesPerCluster;
            const { tasks } = await ecs.send(
              new RunTaskCommand({
                cluster,
                taskDefinition: taskDefinitions[s],
                launchType: 'FARGATE',
                startedBy: 'portal-test',
                group: `service:svc-${c}-${s}`,
                count: 1,
                networkConfiguration: network,
              }),
            );
            await ecs.send(
              new StopTaskCommand({
                cluster,
                task: tasks![0].taskArn,
                reason: 'Task failed ELB health checks',
              }),
            );
          }
        })(),
      );
    }
    await Promise.all(jobs);
    for (let i = 0; i < metrics.length; i += 500) {
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ApplicationELB',
          MetricData: metrics.slice(i, i + 500),
        }),
      );
    }
  }
}
