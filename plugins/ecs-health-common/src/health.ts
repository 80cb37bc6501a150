import type { EcsServiceSnapshot, ServiceStatus } from './types';

/** Stopped tasks younger than this count against a service. */
const RECENT_STOP_MS = 60 * 60 * 1000;

function describeStop(task: EcsServiceSnapshot['stoppedTasks'][number]) {
  const container = task.containers.find(
    c => c.reason || (c.exitCode !== undefined && c.exitCode !== 0),
  );
  const parts = [task.stoppedReason ?? task.stopCode ?? 'stopped'];
  if (container?.reason) parts.push(`${container.name}: ${container.reason}`);
  if (container?.exitCode !== undefined) {
    parts.push(`exit code ${container.exitCode}`);
  }
  return parts.join('; ');
}

function isFailureStop(task: EcsServiceSnapshot['stoppedTasks'][number]) {
  // Scale-in and deployments stop tasks on purpose (ServiceSchedulerInitiated
  // with exit code 0); everything else is a failure worth showing.
  const crashed = task.containers.some(
    c =>
      (c.exitCode !== undefined && c.exitCode !== 0) ||
      /OutOfMemory|OOM/i.test(c.reason ?? ''),
  );
  const failedCheck = /health ?check/i.test(task.stoppedReason ?? '');
  const essentialExit = task.stopCode === 'EssentialContainerExited';
  const cannotStart = task.stopCode === 'TaskFailedToStart';
  return crashed || failedCheck || cannotStart || (essentialExit && crashed);
}

/**
 * Derives a service's status and the reasons for it from a snapshot.
 * `now` is when the verdict is made, so recent failures can be told from old.
 *
 * @public
 */
export function assessService(
  s: EcsServiceSnapshot,
  now: Date = new Date(),
): { status: ServiceStatus; reasons: string[] } {
  const failing: string[] = [];
  const degraded: string[] = [];

  const failedRollout = s.deployments.find(d => d.rolloutState === 'FAILED');
  if (failedRollout) {
    failing.push(
      `Rollout of ${shortTaskDef(failedRollout.taskDefinition)} failed${
        failedRollout.rolloutStateReason
          ? `: ${failedRollout.rolloutStateReason}`
          : ''
      }`,
    );
  }
  if (s.desiredCount > 0 && s.runningCount === 0) {
    failing.push(`No task is running (0 of ${s.desiredCount} desired).`);
  }

  const inProgress = s.deployments.find(
    d => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS',
  );
  if (inProgress && inProgress.failedTasks > 0) {
    degraded.push(
      `Rollout of ${shortTaskDef(inProgress.taskDefinition)} has ${
        inProgress.failedTasks
      } failed task${inProgress.failedTasks === 1 ? '' : 's'} so far.`,
    );
  }

  for (const group of s.targetHealth) {
    // The described targets carry reasons; without them, CloudWatch's counts.
    const unhealthy = group.targets.filter(t => t.state === 'unhealthy');
    const unhealthyCount = unhealthy.length || (group.unhealthyCount ?? 0);
    if (unhealthyCount > 0) {
      const total =
        group.targets.length ||
        unhealthyCount + (group.healthyCount ?? 0);
      const description = unhealthy[0]?.description;
      degraded.push(
        `${unhealthyCount} of ${total} load balancer targets are unhealthy${
          description ? ` (${description})` : ''
        }.`,
      );
    }
  }

  const recentFailures = s.stoppedTasks.filter(
    t =>
      isFailureStop(t) &&
      (!t.stoppedAt ||
        now.getTime() - new Date(t.stoppedAt).getTime() < RECENT_STOP_MS),
  );
  if (recentFailures.length > 0) {
    degraded.push(
      `${recentFailures.length} task${
        recentFailures.length === 1 ? '' : 's'
      } stopped in the last hour: ${describeStop(recentFailures[0])}.`,
    );
  }

  // The shortfall is the symptom; the causes above come first.
  if (s.runningCount > 0 && s.runningCount < s.desiredCount) {
    degraded.push(
      `${s.runningCount} of ${s.desiredCount} desired tasks are running.`,
    );
  }

  if (failing.length > 0) {
    return { status: 'failing', reasons: [...failing, ...degraded] };
  }
  if (s.desiredCount === 0) {
    return {
      status: 'scaled-to-zero',
      reasons: ['The service is scaled to zero (desired count 0).', ...degraded],
    };
  }
  if (degraded.length > 0) return { status: 'degraded', reasons: degraded };
  return { status: 'healthy', reasons: [] };
}

/** `arn:…:task-definition/crm-core:42` → `crm-core:42` */
export function shortTaskDef(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}
