/**
 * The built-in demo account: a fixed fleet shaped like the five seed
 * architectures, used whenever no AWS account is configured. Every plugin's
 * demo data source builds on this one description, so the pages agree.
 */

import type { AccountRegion } from '@internal/plugin-aws-common';

/** @public */
export const DEMO_ACCOUNTS = [
  { accountId: '111111111111', name: 'crm-production' },
  { accountId: '222222222222', name: 'products-production' },
  { accountId: '333333333333', name: 'analytics-production' },
] as const;

/**
 * What goes wrong with a demo service on purpose.
 *
 * @public
 */
export type DemoScenario =
  | 'healthy'
  | 'failed-rollout'
  | 'oom-kills'
  | 'health-check-failures'
  | 'scaled-to-zero'
  | 'rolling';

/** @public */
export interface DemoService {
  accountId: string;
  region: string;
  cluster: string;
  name: string;
  tags: Record<string, string>;
  cpu: number;
  memory: number;
  port?: number;
  healthCheckPath?: string;
  desiredCount: number;
  /** FARGATE / FARGATE_SPOT weights; empty means launch type FARGATE. */
  capacity: Array<{ provider: 'FARGATE' | 'FARGATE_SPOT'; weight: number; base?: number }>;
  scenario: DemoScenario;
}

const crmWeights: DemoService['capacity'] = [
  { provider: 'FARGATE', weight: 70, base: 1 },
  { provider: 'FARGATE_SPOT', weight: 30 },
];

function tags(
  project: string,
  component: string,
  owner: string,
  costCenter: string,
  entity: string,
): Record<string, string> {
  return {
    Project: project,
    Environment: 'production',
    Component: component,
    Owner: owner,
    CostCenter: costCenter,
    ManagedBy: 'cdk',
    'backstage.io/entity': `component:default/${entity}`,
  };
}

function svc(
  base: Omit<DemoService, 'tags' | 'scenario' | 'capacity'> & {
    project: string;
    component: string;
    owner: string;
    costCenter: string;
    capacity?: DemoService['capacity'];
    scenario?: DemoScenario;
  },
): DemoService {
  const { project, component, owner, costCenter, ...rest } = base;
  return {
    capacity: [],
    scenario: 'healthy',
    ...rest,
    tags: tags(project, component, owner, costCenter, base.name),
  };
}

const crm = (name: string, component: string, o: Partial<DemoService>) =>
  svc({
    accountId: '111111111111',
    region: 'us-east-1',
    cluster: 'crm-production',
    name,
    project: 'CRM-System',
    component,
    owner: 'crm-team@crm-consulting.com',
    costCenter: 'finance-consulting',
    cpu: 512,
    memory: 1024,
    desiredCount: 2,
    capacity: crmWeights,
    healthCheckPath: '/health',
    ...o,
  });

const apex = (name: string, component: string, o: Partial<DemoService>) =>
  svc({
    accountId: '222222222222',
    region: 'us-east-1',
    cluster: 'apexai-production',
    name,
    project: 'ApexAI-CRM',
    component,
    owner: 'apexai@example.com',
    costCenter: 'apexai-product',
    cpu: 512,
    memory: 1024,
    desiredCount: 2,
    port: 3000,
    ...o,
  });

const whatif = (name: string, component: string, port: number, o: Partial<DemoService> = {}) =>
  svc({
    accountId: '222222222222',
    region: 'us-west-2',
    cluster: 'whatif-production',
    name,
    project: 'What-If',
    component,
    owner: 'whatif@example.com',
    costCenter: 'whatif-product',
    cpu: 256,
    memory: 512,
    desiredCount: 2,
    port,
    healthCheckPath: '/health',
    ...o,
  });

const monolith = (name: string, component: string, o: Partial<DemoService>) =>
  svc({
    accountId: '111111111111',
    region: 'us-east-1',
    cluster: 'crm-monolith-production',
    name,
    project: 'CRM-Monolith',
    component,
    owner: 'crm-modular@example.com',
    costCenter: 'crm-modular',
    cpu: 512,
    memory: 1024,
    desiredCount: 2,
    ...o,
  });

const analytics = (name: string, component: string, o: Partial<DemoService>) =>
  svc({
    accountId: '333333333333',
    region: 'us-east-1',
    cluster: 'analytics-production',
    name,
    project: 'Analytics',
    component,
    owner: 'analytics@example.com',
    costCenter: 'data-platform',
    cpu: 256,
    memory: 512,
    desiredCount: 3,
    ...o,
  });

/**
 * The demo fleet. Sizes, ports and counts are those of the seed documents.
 *
 * @public
 */
export const DEMO_SERVICES: DemoService[] = [
  // seed 000: CRM on ECS Fargate, FARGATE 70 / FARGATE_SPOT 30
  crm('crm-core-service', 'core', { port: 3002, desiredCount: 3 }),
  crm('crm-auth-service', 'auth', { port: 3001, cpu: 256, memory: 512 }),
  crm('crm-social-service', 'social', { port: 3003, scenario: 'oom-kills' }),
  // seed 001: ApexAI server + studio
  apex('apexai-server', 'server', {
    healthCheckPath: '/health',
    scenario: 'failed-rollout',
  }),
  apex('apexai-studio', 'studio', { healthCheckPath: '/' }),
  // seed 002: What If gateway + six services on fixed ports
  whatif('whatif-api-gateway', 'api-gateway', 3000, { desiredCount: 3 }),
  whatif('whatif-user-service', 'user', 3001),
  whatif('whatif-generation-service', 'generation', 3002, { cpu: 1024, memory: 2048 }),
  whatif('whatif-history-service', 'history', 3003),
  whatif('whatif-sharing-service', 'sharing', 3004),
  whatif('whatif-video-service', 'video', 3005, {
    cpu: 1024,
    memory: 4096,
    scenario: 'health-check-failures',
  }),
  whatif('whatif-social-service', 'social', 3006, {
    desiredCount: 0,
    scenario: 'scaled-to-zero',
  }),
  // seed 003: modular monolith
  monolith('crm-monolith-frontend', 'frontend', { port: 9002, healthCheckPath: '/' }),
  monolith('crm-monolith-backend', 'backend', {
    port: 3000,
    healthCheckPath: '/health',
    scenario: 'rolling',
  }),
  // seed 004: analytics on MSK
  analytics('analytics-ingestion', 'ingestion', { port: 8080, healthCheckPath: '/health' }),
  analytics('analytics-consumer', 'consumer', {
    cpu: 512,
    memory: 1024,
    desiredCount: 5,
    scenario: 'oom-kills',
  }),
  analytics('analytics-api', 'api', { port: 8000, healthCheckPath: '/health' }),
];

/**
 * Every account × region the demo fleet lives in: what every plugin's demo
 * data source is collected from when no AWS account is configured.
 *
 * @public
 */
export function demoAccountRegions(): AccountRegion[] {
  const seen = new Map<string, AccountRegion>();
  for (const s of DEMO_SERVICES) {
    const key = `${s.accountId}/${s.region}`;
    if (!seen.has(key)) {
      seen.set(key, {
        accountId: s.accountId,
        region: s.region,
        accountName: DEMO_ACCOUNTS.find(a => a.accountId === s.accountId)?.name,
      });
    }
  }
  return [...seen.values()];
}
