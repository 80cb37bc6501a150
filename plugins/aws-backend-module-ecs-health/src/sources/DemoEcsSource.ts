import type {
  EcsServiceSnapshot,
  ServiceDeployment,
  StoppedTask,
} from '@internal/plugin-ecs-health-common';
import type { AccountRegion } from '@internal/plugin-aws-common';
import { DEMO_SERVICES, type DemoService } from '@internal/plugin-aws-node';

const MINUTE = 60_000;

/**
 * The built-in demo account's ECS services: the seed architectures' services,
 * each in a fixed state, with times relative to the moment of collection so
 * that "stopped ten minutes ago" stays true.
 */
export function demoEcsServices(
  accountRegion: AccountRegion,
  now: Date,
): EcsServiceSnapshot[] {
  return DEMO_SERVICES.filter(
    s => s.accountId === accountRegion.accountId && s.region === accountRegion.region,
  ).map(s => snapshot(s, now.getTime()));
}

function arn(s: DemoService, kind: string, rest: string) {
  return `arn:aws:${kind}:${s.region}:${s.accountId}:${rest}`;
}

function hex(seed: string, length = 32) {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const ch of seed + out.length) {
      h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function snapshot(s: DemoService, now: number): EcsServiceSnapshot {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
  const clusterArn = arn(s, 'ecs', `cluster/${s.cluster}`);
  const family = s.name.replace(/-service$/, '');
  const revision = 12 + (s.name.length % 30);
  const taskDef = (rev: number) => arn(s, 'ecs', `task-definition/${family}:${rev}`);
  const current = taskDef(revision);
  const next = taskDef(revision + 1);
  const taskArn = (n: number) => arn(s, 'ecs', `task/${s.cluster}/${hex(`${s.name}${n}`)}`);

  let running = s.desiredCount;
  let pending = 0;
  const deployments: ServiceDeployment[] = [];
  const events: Array<[number, string]> = [];
  const stopped: StoppedTask[] = [];
  const targets: Array<{ state: string; reason?: string; description?: string }> = [];

  const primary = (td: string, state: string, o: Partial<ServiceDeployment> = {}) => ({
    id: `ecs-svc/${hex(s.name + td, 19).replace(/[a-f]/g, '7')}`,
    status: 'PRIMARY',
    rolloutState: state,
    taskDefinition: td,
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    failedTasks: 0,
    createdAt: at(3 * 24 * 60),
    updatedAt: at(3 * 24 * 60 - 6),
    ...o,
  });

  switch (s.scenario) {
    case 'failed-rollout': {
      deployments.push(
        primary(next, 'FAILED', {
          rolloutStateReason:
            'ECS deployment circuit breaker: tasks failed to start. Rolling back to the previous deployment.',
          runningCount: 0,
          failedTasks: 6,
          createdAt: at(38),
          updatedAt: at(9),
        }),
        {
          ...primary(current, 'IN_PROGRESS'),
          status: 'ACTIVE',
          runningCount: 1,
          pendingCount: 1,
          updatedAt: at(9),
        },
      );
      running = 1;
      pending = 1;
      for (let i = 0; i < 3; i++) {
        stopped.push({
          taskArn: taskArn(100 + i),
          taskDefinition: next,
          stoppedAt: at(12 + i * 8),
          stopCode: 'TaskFailedToStart',
          stoppedReason:
            'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/apexai-server:2.4.0: not found',
          containers: [{ name: family }],
        });
      }
      events.push(
        [9, `(service ${s.name}) (deployment ecs-svc/failed) deployment failed: tasks failed to start.`],
        [9, `(service ${s.name}) rolling back to deployment with task definition ${family}:${revision}.`],
        [14, `(service ${s.name}) has started 1 tasks: (task ${hex(`${s.name}r`)}).`],
        [38, `(service ${s.name}) has started 2 tasks: (task ${hex(`${s.name}n`)}).`],
      );
      break;
    }
    case 'oom-kills': {
      deployments.push(primary(current, 'COMPLETED'));
      running = Math.max(0, s.desiredCount - 1);
      pending = 1;
      deployments[0].runningCount = running;
      deployments[0].pendingCount = pending;
      for (let i = 0; i < 2; i++) {
        stopped.push({
          taskArn: taskArn(200 + i),
          taskDefinition: current,
          stoppedAt: at(4 + i * 17),
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          containers: [
            {
              name: family,
              exitCode: 137,
              reason: 'OutOfMemoryError: Container killed due to memory usage',
            },
          ],
        });
      }
      events.push(
        [3, `(service ${s.name}) has started 1 tasks: (task ${hex(`${s.name}o`)}).`],
        [4, `(service ${s.name}) task ${hex(`${s.name}200`)} stopped: Essential container in task exited (OutOfMemoryError).`],
        [21, `(service ${s.name}) task ${hex(`${s.name}201`)} stopped: Essential container in task exited (OutOfMemoryError).`],
      );
      break;
    }
    case 'health-check-failures': {
      deployments.push(primary(current, 'COMPLETED'));
      for (let i = 0; i < s.desiredCount; i++) {
        targets.push(
          i === 0
            ? {
                state: 'unhealthy',
                reason: 'Target.ResponseCodeMismatch',
                description: 'Health checks failed with these codes: [503]',
              }
            : { state: 'healthy' },
        );
      }
      stopped.push({
        taskArn: taskArn(300),
        taskDefinition: current,
        stoppedAt: at(7),
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: `Task failed ELB health checks in (target-group ${arn(
          s,
          'elasticloadbalancing',
          `targetgroup/${s.name.slice(0, 24)}/${hex(s.name, 16)}`,
        )})`,
        containers: [{ name: family, exitCode: 143 }],
      });
      events.push(
        [6, `(service ${s.name}) has started 1 tasks: (task ${hex(`${s.name}h`)}).`],
        [7, `(service ${s.name}) (port ${s.port}) is unhealthy in (target-group ${s.name}) due to (reason Health checks failed with these codes: [503]).`],
      );
      break;
    }
    case 'scaled-to-zero': {
      running = 0;
      deployments.push(primary(current, 'COMPLETED', { desiredCount: 0, runningCount: 0 }));
      events.push([2 * 24 * 60, `(service ${s.name}) has reached a steady state.`]);
      break;
    }
    case 'rolling': {
      running = s.desiredCount;
      pending = 1;
      deployments.push(
        primary(next, 'IN_PROGRESS', {
          runningCount: 1,
          pendingCount: 1,
          createdAt: at(5),
          updatedAt: at(1),
        }),
        {
          ...primary(current, 'COMPLETED'),
          status: 'ACTIVE',
          runningCount: s.desiredCount - 1,
          pendingCount: 0,
        },
      );
      events.push(
        [1, `(service ${s.name}) registered 1 targets in (target-group ${s.name}).`],
        [5, `(service ${s.name}) has started 1 tasks: (task ${hex(`${s.name}d`)}).`],
      );
      break;
    }
    default:
      deployments.push(primary(current, 'COMPLETED'));
      events.push([47, `(service ${s.name}) has reached a steady state.`]);
  }

  if (s.port && targets.length === 0) {
    for (let i = 0; i < running; i++) targets.push({ state: 'healthy' });
  }
  const targetGroupArn = arn(
    s,
    'elasticloadbalancing',
    `targetgroup/${s.name.slice(0, 24)}/${hex(s.name, 16)}`,
  );

  return {
    accountId: s.accountId,
    region: s.region,
    clusterName: s.cluster,
    clusterArn,
    serviceName: s.name,
    serviceArn: arn(s, 'ecs', `service/${s.cluster}/${s.name}`),
    serviceStatus: 'ACTIVE',
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: s.capacity.length ? undefined : 'FARGATE',
    capacityProviderStrategy: s.capacity.map(c => ({
      capacityProvider: c.provider,
      weight: c.weight,
      base: c.base ?? 0,
    })),
    taskDefinition: {
      arn: current,
      family,
      revision,
      cpu: String(s.cpu),
      memory: String(s.memory),
      logGroup: `/ecs/${s.name}`,
    },
    circuitBreaker: { enable: true, rollback: true },
    deployments,
    events: events
      .sort((a, b) => a[0] - b[0])
      .map(([minutesAgo, message], i) => ({
        id: hex(`${s.name}event${i}`, 36),
        createdAt: at(minutesAgo),
        message,
      })),
    stoppedTasks: stopped.sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? '')),
    targetHealth: s.port
      ? [
          {
            targetGroupArn,
            containerName: family,
            containerPort: s.port,
            // As collected from AWS: counts from CloudWatch, and the targets
            // described only when some are unhealthy.
            healthyCount: targets.filter(t => t.state === 'healthy').length,
            unhealthyCount: targets.filter(t => t.state === 'unhealthy').length,
            targets: targets.some(t => t.state === 'unhealthy')
              ? targets.map((t, i) => ({
                  id: `10.0.${11 + (i % 3)}.${20 + i}`,
                  port: s.port,
                  ...t,
                }))
              : [],
          },
        ]
      : [],
    tags: s.tags,
    createdAt: at(90 * 24 * 60),
  };
}
