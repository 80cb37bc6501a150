import type {
  CollectionAnswer,
  EntityCollectionAnswer,
  RefreshAnswer,
} from '@internal/plugin-aws-common';

/** @public */
export type ServiceStatus = 'healthy' | 'degraded' | 'failing' | 'scaled-to-zero';

/** @public */
export const SERVICE_STATUSES: ServiceStatus[] = [
  'failing',
  'degraded',
  'healthy',
  'scaled-to-zero',
];

/** @public */
export interface CapacityProviderWeight {
  capacityProvider: string;
  weight: number;
  base: number;
}

/** @public */
export interface ServiceDeployment {
  id: string;
  /** PRIMARY, ACTIVE or INACTIVE */
  status: string;
  /** COMPLETED, FAILED or IN_PROGRESS */
  rolloutState?: string;
  rolloutStateReason?: string;
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  createdAt?: string;
  updatedAt?: string;
}

/** @public */
export interface ServiceEvent {
  id: string;
  createdAt: string;
  message: string;
}

/** @public */
export interface StoppedContainer {
  name: string;
  exitCode?: number;
  reason?: string;
}

/** @public */
export interface StoppedTask {
  taskArn: string;
  taskDefinition?: string;
  stoppedAt?: string;
  stopCode?: string;
  stoppedReason?: string;
  containers: StoppedContainer[];
}

/** @public */
export interface TargetHealthEntry {
  id: string;
  port?: number;
  /** healthy, unhealthy, initial, draining, unused, unavailable */
  state: string;
  reason?: string;
  description?: string;
}

/**
 * A service's load balancer target group. The counts come from CloudWatch
 * (HealthyHostCount, UnHealthyHostCount, read in bulk); the targets and
 * their reasons are described only for groups that report unhealthy ones.
 *
 * @public
 */
export interface TargetGroupHealth {
  targetGroupArn: string;
  loadBalancerArn?: string;
  containerName?: string;
  containerPort?: number;
  /** Latest HealthyHostCount; absent when CloudWatch had no data point. */
  healthyCount?: number;
  /** Latest UnHealthyHostCount; absent when CloudWatch had no data point. */
  unhealthyCount?: number;
  /** Each target with its state and reason (groups with unhealthy targets). */
  targets: TargetHealthEntry[];
}

/**
 * Everything the portal knows about one ECS service, as collected.
 *
 * @public
 */
export interface EcsServiceSnapshot {
  accountId: string;
  region: string;
  clusterName: string;
  clusterArn: string;
  serviceName: string;
  serviceArn: string;
  /** ACTIVE, DRAINING or INACTIVE */
  serviceStatus: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  launchType?: string;
  capacityProviderStrategy: CapacityProviderWeight[];
  taskDefinition: {
    arn: string;
    family?: string;
    revision?: number;
    cpu?: string;
    memory?: string;
    logGroup?: string;
  };
  circuitBreaker?: { enable: boolean; rollback: boolean };
  deployments: ServiceDeployment[];
  /** Newest first, at most EVENTS_KEPT. */
  events: ServiceEvent[];
  /** Newest first. */
  stoppedTasks: StoppedTask[];
  targetHealth: TargetGroupHealth[];
  tags: Record<string, string>;
  createdAt?: string;
}

/** @public */
export const EVENTS_KEPT = 10;

/**
 * A snapshot with the verdict the portal derives from it.
 *
 * @public
 */
export interface EcsServiceHealth extends EcsServiceSnapshot {
  status: ServiceStatus;
  /** Sentences explaining the status, most serious first. */
  reasons: string[];
  collectedAt: string;
}

/**
 * One row of the fleet page.
 *
 * @public
 */
export interface FleetServiceRow {
  serviceArn: string;
  serviceName: string;
  clusterName: string;
  accountId: string;
  region: string;
  status: ServiceStatus;
  reason?: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  rolloutState?: string;
  environment?: string;
  entityRef?: string;
  system?: string;
  owner?: string;
  collectedAt: string;
}

/**
 * The fleet answer of the `ecs-health` source.
 *
 * @public
 */
export type FleetResponse = CollectionAnswer<FleetServiceRow>;

/** @public */
export type EntityHealthResponse = EntityCollectionAnswer<EcsServiceHealth>;

/** @public */
export type RefreshResponse = RefreshAnswer<EcsServiceHealth>;
