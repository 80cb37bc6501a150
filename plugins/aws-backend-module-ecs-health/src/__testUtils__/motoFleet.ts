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
import type { AwsClientFactory, WatchedTarget } from '@internal/plugin-aws-node';
import pLimit from 'p-limit';

export interface MotoFleetShape {
  /** One number for every target, or one per target in order. */
  clustersPerTarget: number | number[];
  servicesPerCluster: number;
  /** Tasks started and stopped (with a reason) per cluster. */
  stoppedTasksPerCluster: number;
}

/**
 * Builds an ECS fleet on moto_server through the portal's own client factory:
 * clusters, one task definition per cluster (awslogs), tagged services with
 * circuit breaker and FARGATE/FARGATE_SPOT weights, and stopped tasks.
 */
export async function buildMotoFleet(
  factory: AwsClientFactory,
  targets: WatchedTarget[],
  shape: MotoFleetShape,
): Promise<void> {
  const limit = pLimit(16);
  for (const [index, target] of targets.entries()) {
    const clusters = Array.isArray(shape.clustersPerTarget)
      ? shape.clustersPerTarget[index]
      : shape.clustersPerTarget;
    const ecs = await factory.create(ECSClient, target);
    // moto wants real ids from its default VPC for awsvpc tasks.
    const ec2 = await factory.create(EC2Client, target);
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({}),
    );
    const network = {
      awsvpcConfiguration: {
        subnets: [Subnets[0].SubnetId!],
        securityGroups: [SecurityGroups[0].GroupId!],
      },
    };
    const jobs: Promise<unknown>[] = [];
    for (let c = 0; c < clusters; c++) {
      const cluster = `cluster-${c}`;
      jobs.push(
        (async () => {
          await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
          const { taskDefinition } = await ecs.send(
            new RegisterTaskDefinitionCommand({
              family: `app-${c}`,
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
                      'awslogs-group': `/ecs/app-${c}`,
                      'awslogs-region': target.region,
                      'awslogs-stream-prefix': 'ecs',
                    },
                  },
                },
              ],
            }),
          );
          await Promise.all(
            Array.from({ length: shape.servicesPerCluster }, (_, s) =>
              limit(() =>
                ecs.send(
                  new CreateServiceCommand({
                    cluster,
                    serviceName: `svc-${c}-${s}`,
                    taskDefinition: taskDefinition!.taskDefinitionArn,
                    desiredCount: 2,
                    capacityProviderStrategy: [
                      { capacityProvider: 'FARGATE', weight: 70, base: 1 },
                      { capacityProvider: 'FARGATE_SPOT', weight: 30 },
                    ],
                    deploymentConfiguration: {
                      deploymentCircuitBreaker: { enable: true, rollback: true },
                    },
                    tags: [
                      { key: 'Project', value: `project-${c % 5}` },
                      { key: 'Component', value: `svc-${c}-${s}` },
                      { key: 'Environment', value: 'production' },
                    ],
                  }),
                ),
              ),
            ),
          );
          for (let t = 0; t < shape.stoppedTasksPerCluster; t++) {
            const { tasks } = await ecs.send(
              new RunTaskCommand({
                cluster,
                taskDefinition: taskDefinition!.taskDefinitionArn,
                launchType: 'FARGATE',
                startedBy: 'portal-test',
                group: `service:svc-${c}-${t % shape.servicesPerCluster}`,
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
  }
}
