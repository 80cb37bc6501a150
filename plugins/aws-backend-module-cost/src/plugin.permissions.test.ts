/*
 * Who may read cost, through the real parts: the catalog backend (reading
 * entities from a file), the permission backend with the portal's policy
 * (conditional decisions applied by the catalog), the real permissions
 * service, and the aws plugin serving the cost source (demo account). The
 * only stand-in is the user-info service: it hands out each test user's
 * ownership claims, as sign-in would.
 */
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import awsPlugin from '@internal/plugin-aws-backend';
import type { CollectionAnswer } from '@internal/plugin-aws-common';
import type { CostCenterRow } from '@internal/plugin-aws-cost-common';
import policyModule from '@internal/plugin-permission-backend-module-aws-portal-policy';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import costModule from './index';

jest.setTimeout(180_000);

const CLAIMS: Record<string, string[]> = {
  'user:default/carla': ['group:default/team-crm'],
  'user:default/olivia': ['group:default/finance'],
  'user:default/dave': [],
};

const component = (name: string, owner: string, costCenter: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    aws.portal/tag-selector: Component=${name}
    aws.portal/cost-center: ${costCenter}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

it('gives finance every cost center, a team its own, and refuses the rest with a sentence', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cost-permissions-'));
  const file = join(dir, 'catalog.yaml');
  writeFileSync(
    file,
    [
      component('crm-core-service', 'group:default/team-crm', 'finance-consulting'),
      component('analytics-api', 'group:default/team-analytics', 'data-platform'),
    ].join('---'),
  );
  const every = { frequency: { minutes: 30 }, timeout: { minutes: 1 }, initialDelay: { seconds: 0 } };
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      policyModule,
      awsPlugin,
      costModule,
      permissionsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: { locations: [{ type: 'file', target: file }], rules: [{ allow: ['Component'] }] },
          awsPortal: { cost: { financeGroups: ['group:default/finance'] }, sources: { cost: { schedule: every } } },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(CLAIMS[ref] ?? [])] };
          },
        }),
      }),
    ],
  });
  const as = (user: string) => ({ Authorization: mockCredentials.user.header(user) });
  const fleet = (user: string) => request(server).get('/api/aws/cost/fleet').set(as(user));

  // The catalog ingests the file, and the aws plugin's entity index (read at
  // most once a minute) sees its entities.
  let finance: CollectionAnswer<CostCenterRow> | undefined;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const res = await fleet('user:default/olivia');
    finance = res.body;
    if (res.status === 200 && finance!.items.some(r => r.entityRefs.length > 0)) break;
    await new Promise(r => setTimeout(r, 1000));
  }
  expect(finance!.items.map(r => r.costCenter).sort()).toEqual([
    '',
    'apexai-product',
    'crm-modular',
    'data-platform',
    'finance-consulting',
    'whatif-product',
  ]);

  const team = await fleet('user:default/carla');
  expect(team.status).toBe(200);
  expect(team.body.items.map((r: CostCenterRow) => r.costCenter)).toEqual(['finance-consulting']);

  const own = await request(server)
    .get('/api/aws/cost/entity/default/component/crm-core-service')
    .set(as('user:default/carla'));
  expect(own.status).toBe(200);
  expect(own.body.items.map((d: { costCenter: string }) => d.costCenter)).toEqual(['finance-consulting']);

  const other = await request(server)
    .get('/api/aws/cost/entity/default/component/analytics-api')
    .set(as('user:default/carla'));
  expect(other.status).toBe(403);
  expect(other.body.error.message).toBe(
    'You may not read that of component:default/analytics-api: cost data is readable by the owners of the entities it belongs to and by the groups the portal\'s permission policy names.',
  );

  const stranger = await fleet('user:default/dave');
  expect(stranger.status).toBe(403);
  expect(stranger.body.error.message).toMatch(/^You may not read any of it, as you own no entity it belongs to:/);
});
