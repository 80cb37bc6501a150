/*
 * The whole plugin in a test backend, pointed at moto_server by
 * configuration only (endpoint override + accounts): the scheduled
 * collection runs and the fleet endpoint serves what the emulator holds.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import {
  AwsClientFactory,
  DEMO_ACCOUNTS,
  DEMO_SERVICES,
} from '@internal/plugin-aws-node';
import {
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import type { FleetResponse } from '@internal/plugin-ecs-health-common';
import request from 'supertest';
import awsPlugin from '@internal/plugin-aws-backend';
import { seedDemoFleet } from './__testUtils__/seedDemoFleet';
import ecsHealthModule from './index';

jest.setTimeout(120_000);

const moto = useMotoServer();

it('serves the emulator’s fleet when configured with an endpoint and accounts', async () => {
  const portal = motoPortalConfig({
    endpoint: moto().endpoint,
    regions: ['us-east-1', 'us-west-2'],
    includeMainAccount: false,
    assumeRoleInto: DEMO_ACCOUNTS.map(a => a.accountId),
  });
  const data = {
    ...portal,
    awsPortal: {
      ...portal.awsPortal,
      sources: {
        'ecs-health': {
          schedule: {
            frequency: { seconds: 5 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 0 },
          },
        },
      },
    },
  };
  await seedDemoFleet(AwsClientFactory.fromConfig(new ConfigReader(data)));

  const { server } = await startTestBackend({
    features: [
      awsPlugin,
      ecsHealthModule,
      mockServices.rootConfig.factory({ data }),
      catalogServiceMock.factory({ entities: [] }),
      // Runs the scheduled collection once at startup, as the first tick would.
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });

  let fleet: FleetResponse | undefined;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await request(server).get('/api/aws/ecs-health/fleet');
    fleet = res.body;
    if (res.status === 200 && fleet!.accountRegions.length === 6) break;
    await new Promise(r => setTimeout(r, 500));
  }
  expect(fleet!.demo).toBe(false);
  expect(fleet!.accountRegions.map(t => `${t.accountId}/${t.region}`).sort()).toEqual([
    '111111111111/us-east-1',
    '111111111111/us-west-2',
    '222222222222/us-east-1',
    '222222222222/us-west-2',
    '333333333333/us-east-1',
    '333333333333/us-west-2',
  ]);
  expect(fleet!.items.map(s => s.serviceName).sort()).toEqual(
    DEMO_SERVICES.map(s => s.name).sort(),
  );
  const core = fleet!.items.find(s => s.serviceName === 'crm-core-service')!;
  expect(core).toMatchObject({
    accountId: '111111111111',
    region: 'us-east-1',
    clusterName: 'crm-production',
    desiredCount: 3,
  });
});
