import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  type AwsClientFactory,
  DEMO_SERVICES,
} from '@internal/plugin-aws-node';

/**
 * Creates the demo fleet's clusters, task definitions and tagged services in
 * an emulator, in the demo accounts and regions, so the demo catalog's
 * entities find them when the portal reads the emulator instead of the
 * built-in demo account.
 */
export async function seedDemoFleet(factory: AwsClientFactory): Promise<number> {
  const clusters = new Set<string>();
  for (const s of DEMO_SERVICES) {
    const ecs = await factory.create(ECSClient, s);
    const key = `${s.accountId}/${s.region}/${s.cluster}`;
    if (!clusters.has(key)) {
      await ecs.send(new CreateClusterCommand({ clusterName: s.cluster }));
      clusters.add(key);
    }
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: s.name,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(s.cpu),
        memory: String(s.memory),
        containerDefinitions: [
          {
            name: s.name,
            image: `${s.name}:latest`,
            essential: true,
            cpu: s.cpu,
            memory: s.memory,
            portMappings: s.port ? [{ containerPort: s.port }] : [],
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': `/ecs/${s.name}`, 'awslogs-region': s.region },
            },
          },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: s.cluster,
        serviceName: s.name,
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: s.desiredCount,
        launchType: 'FARGATE',
        tags: Object.entries(s.tags).map(([tagKey, value]) => ({ key: tagKey, value })),
      }),
    );
  }
  return DEMO_SERVICES.length;
}
