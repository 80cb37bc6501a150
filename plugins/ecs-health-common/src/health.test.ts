import { assessService } from './health';
import type { EcsServiceSnapshot } from './types';

const now = new Date('2026-11-24T12:00:00Z');
const base: EcsServiceSnapshot = {
  accountId: '111111111111',
  region: 'us-east-1',
  clusterName: 'crm-production',
  clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/crm-production',
  serviceName: 'crm-core-service',
  serviceArn: 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service',
  serviceStatus: 'ACTIVE',
  desiredCount: 3,
  runningCount: 3,
  pendingCount: 0,
  capacityProviderStrategy: [],
  taskDefinition: { arn: 'arn:aws:ecs:us-east-1:111111111111:task-definition/crm-core:7' },
  deployments: [],
  events: [],
  stoppedTasks: [],
  targetHealth: [],
  tags: {},
};

describe('assessService', () => {
  it('calls a service at full strength healthy', () => {
    expect(assessService(base, now)).toEqual({ status: 'healthy', reasons: [] });
  });

  it('fails a service whose rollout failed, with the circuit breaker’s reason', () => {
    const result = assessService(
      {
        ...base,
        deployments: [
          {
            id: 'd',
            status: 'PRIMARY',
            rolloutState: 'FAILED',
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
            taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/crm-core:8',
            desiredCount: 3,
            runningCount: 0,
            pendingCount: 0,
            failedTasks: 3,
          },
        ],
      },
      now,
    );
    expect(result).toEqual({
      status: 'failing',
      reasons: ['Rollout of crm-core:8 failed: ECS deployment circuit breaker: tasks failed to start.'],
    });
  });

  it('fails a service with no running task', () => {
    expect(assessService({ ...base, runningCount: 0 }, now)).toEqual({
      status: 'failing',
      reasons: ['No task is running (0 of 3 desired).'],
    });
  });

  it('puts the cause of a shortfall before the shortfall', () => {
    const result = assessService(
      {
        ...base,
        runningCount: 2,
        stoppedTasks: [
          {
            taskArn: 't',
            stoppedAt: '2026-11-24T11:50:00Z',
            stopCode: 'EssentialContainerExited',
            stoppedReason: 'Essential container in task exited',
            containers: [{ name: 'core', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
          },
        ],
      },
      now,
    );
    expect(result).toEqual({
      status: 'degraded',
      reasons: [
        '1 task stopped in the last hour: Essential container in task exited; core: OutOfMemoryError: Container killed due to memory usage; exit code 137.',
        '2 of 3 desired tasks are running.',
      ],
    });
  });

  it('ignores old failures and tasks stopped on purpose', () => {
    const result = assessService(
      {
        ...base,
        stoppedTasks: [
          {
            taskArn: 'old',
            stoppedAt: '2026-11-24T09:00:00Z',
            stoppedReason: 'Task failed ELB health checks',
            containers: [],
          },
          {
            taskArn: 'scale-in',
            stoppedAt: '2026-11-24T11:55:00Z',
            stopCode: 'ServiceSchedulerInitiated',
            stoppedReason: 'Scaling activity initiated by deployment',
            containers: [{ name: 'core', exitCode: 0 }],
          },
        ],
      },
      now,
    );
    expect(result.status).toBe('healthy');
  });

  it('degrades a service with unhealthy targets', () => {
    const result = assessService(
      {
        ...base,
        targetHealth: [
          {
            targetGroupArn: 'tg',
            targets: [
              { id: 'a', state: 'healthy' },
              { id: 'b', state: 'unhealthy', description: 'Request timed out' },
            ],
          },
        ],
      },
      now,
    );
    expect(result).toEqual({
      status: 'degraded',
      reasons: ['1 of 2 load balancer targets are unhealthy (Request timed out).'],
    });
  });

  it('tells a service scaled to zero from a broken one', () => {
    expect(assessService({ ...base, desiredCount: 0, runningCount: 0 }, now)).toEqual({
      status: 'scaled-to-zero',
      reasons: ['The service is scaled to zero (desired count 0).'],
    });
  });
});
