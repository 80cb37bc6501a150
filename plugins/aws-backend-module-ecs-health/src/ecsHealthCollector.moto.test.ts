/*
 * The collector end to end: moto_server holding two accounts, the snapshot
 * tables on PostgreSQL and SQLite, the catalog naming owners.
 * Two things moto cannot do are staged here: a storm of ThrottlingException
 * (a proxy in front of moto answers the first ECS requests with it, so the
 * SDK's own adaptive retry is what gets through), and an account whose
 * credentials expired (aws-sdk-client-mock on that account's client only).
 */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ECSClient } from '@aws-sdk/client-ecs';
import type {
  EntityHealthResponse,
  FleetResponse,
} from '@internal/plugin-ecs-health-common';
import {
  AwsClientFactory,
  readAwsPortalSettings,
} from '@internal/plugin-aws-node';
import {
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from '@internal/plugin-aws-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CollectionStore,
  EntityDirectory,
  SourceRuntime,
} from '@internal/plugin-aws-backend';
import { buildMotoFleet } from './__testUtils__/motoFleet';
import { ecsHealthCollector } from './ecsHealthCollector';

jest.setTimeout(180_000);

const SECOND = '222222222222';
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const moto = useMotoServer();
let proxy: Server;
let proxyEndpoint: string;
let throttleNext = 0;
let throttled = 0;
let ecsRequests = 0;

/**
 * Forwards to moto; while throttleNext > 0, every other ECS request is
 * answered with ThrottlingException — a storm spread over many calls, each
 * of which must get through on the SDK's retries.
 */
function startThrottlingProxy(upstream: string): Promise<Server> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const isEcs = String(req.headers['x-amz-target'] ?? '').startsWith(
      'AmazonEC2ContainerService',
    );
    if (isEcs && throttleNext > 0 && ecsRequests++ % 2 === 0) {
      throttleNext--;
      throttled++;
      req.resume();
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'ThrottlingException',
      });
      res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
      return;
    }
    const forward = request(
      { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers },
      upstreamRes => {
        res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    req.pipe(forward);
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

beforeAll(async () => {
  proxy = await startThrottlingProxy(moto().endpoint);
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise(r => proxy?.close(r));
});

function settingsFor(endpoint: string) {
  return new ConfigReader(
    motoPortalConfig({ endpoint, regions: ['us-east-1'], assumeRoleInto: [SECOND] }),
  );
}

describe.each(databases.eachSupportedId())('collector on %s', id => {
  it('collects, survives a throttling storm, and keeps an expired account’s last data marked stale', async () => {
    await moto().reset();
    throttleNext = 0;
    const direct = AwsClientFactory.fromConfig(settingsFor(moto().endpoint));
    const config = settingsFor(proxyEndpoint);
    const accountRegions = readAwsPortalSettings(config).accountRegions;
    await buildMotoFleet(direct, accountRegions, {
      clustersPerTarget: 2,
      servicesPerCluster: 15,
      stoppedTasksPerCluster: 1,
    });

    const db = await databases.init(id);
    await db.migrate.latest({
      directory: resolvePackagePath('@internal/plugin-aws-backend', 'migrations'),
    });
    const factory = AwsClientFactory.fromConfig(config);
    const service = new SourceRuntime({
      collector: ecsHealthCollector,
      store: new CollectionStore(db),
      clients: factory,
      accountRegions,
      demo: false,
      directory: new EntityDirectory({
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'svc-0-3',
              annotations: { 'aws.portal/tag-selector': 'Component=svc-0-3' },
            },
            spec: { owner: 'team-crm', system: 'crm' },
          },
        ],
        }),
      }),
      logger: mockServices.logger.mock(),
      staleAfterMs: 15 * 60_000,
      cacheTtlMs: 0,
    });

    await service.collectAll();
    let fleet: FleetResponse = JSON.parse((await service.fleetAnswer()).json);
    expect(fleet.items).toHaveLength(60);
    expect(fleet.accountRegions.every(t => !t.stale && !t.error)).toBe(true);
    const first = fleet.accountRegions.find(t => t.accountId === SECOND)!.collectedAt;

    // The storm: every other ECS request is refused until 6 have been.
    throttleNext = 6;
    throttled = 0;
    ecsRequests = 0;
    // The second account's credentials expire.
    const secondEcs = await factory.create(ECSClient, { accountId: SECOND, region: 'us-east-1' });
    const expired = mockClient(secondEcs);
    expired.onAnyCommand().rejects(
      Object.assign(new Error('The security token included in the request is expired'), {
        name: 'ExpiredTokenException',
      }),
    );

    await service.collectAll();
    expired.restore();

    expect(throttled).toBe(6);
    fleet = JSON.parse((await service.fleetAnswer()).json);
    expect(fleet.items).toHaveLength(60);
    const main = fleet.accountRegions.find(t => t.accountId === MOTO_MAIN_ACCOUNT)!;
    const second = fleet.accountRegions.find(t => t.accountId === SECOND)!;
    expect(main).toMatchObject({ stale: false, itemCount: 30 });
    expect(main.error).toBeUndefined();
    expect(second).toMatchObject({
      stale: true,
      collectedAt: first,
      error:
        "AWS refused the portal's credentials for account 222222222222 in us-east-1 (ExpiredTokenException: The security token included in the request is expired).",
    });

    // The catalog names the owner of the tagged service.
    expect(
      fleet.items.filter(s => s.serviceName === 'svc-0-3').map(s => s.system),
    ).toEqual(['crm', 'crm']);

    // Page views read snapshots only.
    const before = factory.calls.total();
    await service.fleetAnswer();
    const entity: EntityHealthResponse = JSON.parse(
      (await service.entityAnswer('component:default/svc-0-3')).json,
    );
    expect(entity.items.map(s => s.accountId).sort()).toEqual([
      MOTO_MAIN_ACCOUNT,
      SECOND,
    ]);
    expect(factory.calls.total()).toBe(before);
  });
});
