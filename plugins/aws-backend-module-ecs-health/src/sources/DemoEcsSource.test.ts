import { assessService } from '@internal/plugin-ecs-health-common';
import { DEMO_SERVICES, demoAccountRegions } from '@internal/plugin-aws-node';
import { demoEcsServices } from './DemoEcsSource';

const now = new Date('2026-11-24T12:00:00Z');

async function demoFleet() {
  return demoAccountRegions().flatMap(ar => demoEcsServices(ar, now));
}

describe('demoEcsServices', () => {
  it('spans three accounts and two regions and holds every demo service', async () => {
    expect(demoAccountRegions().map(t => `${t.accountId}/${t.region}`)).toEqual([
      '111111111111/us-east-1',
      '222222222222/us-east-1',
      '222222222222/us-west-2',
      '333333333333/us-east-1',
    ]);
    const fleet = await demoFleet();
    expect(fleet).toHaveLength(DEMO_SERVICES.length);
  });

  it('is deterministic for a given clock', async () => {
    expect(await demoFleet()).toEqual(await demoFleet());
  });

  it('breaks the services it should, for the reasons it should', async () => {
    const verdicts = Object.fromEntries(
      (await demoFleet()).map(s => [s.serviceName, assessService(s, now)]),
    );
    expect(verdicts['crm-core-service']).toEqual({ status: 'healthy', reasons: [] });
    expect(verdicts['apexai-server'].status).toBe('failing');
    expect(verdicts['apexai-server'].reasons[0]).toMatch(
      /^Rollout of apexai-server:\d+ failed: ECS deployment circuit breaker/,
    );
    expect(verdicts['crm-social-service'].status).toBe('degraded');
    expect(verdicts['crm-social-service'].reasons[0]).toMatch(
      /OutOfMemoryError: Container killed due to memory usage; exit code 137/,
    );
    expect(verdicts['analytics-consumer'].status).toBe('degraded');
    expect(verdicts['whatif-video-service'].reasons[0]).toBe(
      '1 of 2 load balancer targets are unhealthy (Health checks failed with these codes: [503]).',
    );
    expect(verdicts['whatif-social-service'].status).toBe('scaled-to-zero');
    expect(verdicts['crm-monolith-backend'].status).toBe('healthy');
  });

  it('reports target counts everywhere and lists targets only where some are unhealthy', async () => {
    const fleet = await demoFleet();
    const core = fleet.find(s => s.serviceName === 'crm-core-service')!;
    expect(core.targetHealth[0]).toMatchObject({ healthyCount: 3, unhealthyCount: 0, targets: [] });
    const video = fleet.find(s => s.serviceName === 'whatif-video-service')!;
    expect(video.targetHealth[0]).toMatchObject({ healthyCount: 1, unhealthyCount: 1 });
    expect(video.targetHealth[0].targets.map(t => t.state).sort()).toEqual(['healthy', 'unhealthy']);
  });

  it('carries the seed sizing and FARGATE/FARGATE_SPOT weights', async () => {
    const core = (await demoFleet()).find(s => s.serviceName === 'crm-core-service')!;
    expect(core).toMatchObject({
      desiredCount: 3,
      taskDefinition: { cpu: '512', memory: '1024', logGroup: '/ecs/crm-core-service' },
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', weight: 70, base: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 30, base: 0 },
      ],
      tags: { Project: 'CRM-System', Component: 'core', CostCenter: 'finance-consulting' },
    });
  });
});
