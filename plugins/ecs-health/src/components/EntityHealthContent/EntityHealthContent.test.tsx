import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { EcsServiceHealth } from '@internal/plugin-ecs-health-common';
import { fireEvent, screen } from '@testing-library/react';
import { type EcsHealthApi, ecsHealthApiRef } from '../../api/EcsHealthApi';
import { entityHealthContent } from '../../plugin';

const annotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'crm-social-service',
    annotations: { 'aws.portal/tag-selector': 'Project=CRM-System,Component=social' },
  },
  spec: {},
};

const service: EcsServiceHealth = {
  accountId: '111111111111',
  region: 'us-east-1',
  clusterName: 'crm-production',
  clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/crm-production',
  serviceName: 'crm-social-service',
  serviceArn: 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-social-service',
  serviceStatus: 'ACTIVE',
  desiredCount: 2,
  runningCount: 1,
  pendingCount: 1,
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 30, base: 0 }],
  taskDefinition: { arn: 'td', cpu: '512', memory: '1024', logGroup: '/ecs/crm-social-service' },
  circuitBreaker: { enable: true, rollback: true },
  deployments: [
    {
      id: 'd1',
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/crm-social:4',
      desiredCount: 2,
      runningCount: 1,
      pendingCount: 1,
      failedTasks: 0,
    },
  ],
  events: [{ id: 'e', createdAt: new Date().toISOString(), message: 'task stopped (OutOfMemoryError)' }],
  stoppedTasks: [
    {
      taskArn: 't',
      stoppedAt: new Date().toISOString(),
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'crm-social', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
    },
  ],
  targetHealth: [],
  tags: {},
  status: 'degraded',
  reasons: ['1 task stopped in the last hour: Essential container in task exited.'],
  collectedAt: new Date().toISOString(),
};

function api(o: Partial<EcsHealthApi> = {}): EcsHealthApi {
  return {
    getFleet: jest.fn(),
    getEntityHealth: jest.fn(async () => ({
      demo: false,
      source: 'ecs-health',
      entityRef: 'component:default/crm-social-service',
      accountRegions: [],
      items: [service],
    })),
    refreshService: jest.fn(async () => ({ ...service, status: 'healthy' as const, reasons: [] })),
    getAlarmsSummary: jest.fn(async () => undefined),
    ...o,
  };
}

/** The plugin's Health tab, as the entity page mounts it, for an entity, with a fake API. */
async function renderFor(entity: Entity, fake: EcsHealthApi) {
  const tester = createExtensionTester(entityHealthContent);
  expect(tester.get(coreExtensionData.routePath)).toBe('ecs-health');
  renderInTestApp(<EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>, { apis: [[ecsHealthApiRef, fake]] });
}

// Rendering in jsdom on a busy machine is slow: the tests wait for the page, not the clock.
jest.setTimeout(60_000);

describe('EntityHealthContent', () => {
  it('names the annotations an entity without them needs', async () => {
    const fake = api();
    await renderFor({ ...annotated, metadata: { name: 'plain' } }, fake);
    // The tab's content loads lazily, as in the app.
    expect(await screen.findByText('Missing Annotation', undefined, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getAllByText(/aws\.portal\/tag-selector/).length).toBeGreaterThan(0);
    expect(fake.getEntityHealth).not.toHaveBeenCalled();
  });

  it('shows counts, the reason, the stopped task and its exit code', async () => {
    await renderFor(annotated, api());
    expect(await screen.findByText('crm-social-service')).toBeInTheDocument();
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(screen.getByText('1 task stopped in the last hour: Essential container in task exited.')).toBeInTheDocument();
    expect(
      screen.getByText(/crm-social: OutOfMemoryError: Container killed due to memory usage, exit code 137/),
    ).toBeInTheDocument();
    expect(screen.getByText('crm-social:4')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Logs (/ecs/crm-social-service)' })).toHaveAttribute(
      'href',
      expect.stringContaining('log-group/%252Fecs%252Fcrm-social-service'),
    );
  });

  it('refreshes a service on request and shows the new verdict', async () => {
    const fake = api();
    await renderFor(annotated, fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    expect(fake.refreshService).toHaveBeenCalledWith(service.serviceArn);
  });

  it('says when no collected service matches', async () => {
    await renderFor(
      annotated,
      api({
        getEntityHealth: jest.fn(async () => ({
          demo: true,
          source: 'ecs-health',
          entityRef: 'component:default/crm-social-service',
          accountRegions: [],
          items: [],
        })),
      }),
    );
    expect(await screen.findByText('No ECS service matches this entity')).toBeInTheDocument();
  });
});
