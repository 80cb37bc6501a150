/*
 * Who may read cost, through the real parts: the catalog backend (reading
 * entities from a file), the permission backend with the portal's policy
 * (conditional decisions applied by the catalog), the real permissions
 * service, and the aws plugin serving the cost source (demo account). The
 * stand-ins (`permissionTestServices`) are the user-info service, which hands
 * out each test user's ownership claims as sign-in would, and the test auth
 * service's tokens.
 */
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
// The test starts the plugin this module extends, as a backend would.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import awsPlugin from '@internal/plugin-aws-backend';
import { permissionTestServices } from '@internal/plugin-aws-backend/testUtils';
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
  // A member of a team that holds no cost center.
  'user:default/dave': ['group:default/team-x'],
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
      // A second entity on the CRM cost center, of another team.
      component('crm-reporting', 'group:default/team-reporting', 'finance-consulting'),
      // Dave's team claims the CRM cost center on an entity it owns.
      component('sneaky-service', 'group:default/team-x', 'finance-consulting'),
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
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: { locations: [{ type: 'file', target: file }], rules: [{ allow: ['Component'] }] },
          awsPortal: {
            cost: {
              financeGroups: ['group:default/finance'],
              costCenters: [
                { costCenter: 'finance-consulting', holders: ['group:default/team-crm'] },
                { costCenter: 'data-platform', holders: ['team-analytics'] },
              ],
            },
            sources: { cost: { schedule: every } },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      ...permissionTestServices(CLAIMS),
    ],
  });
  const as = (user: string) => ({ Authorization: mockCredentials.user.header(user) });
  const fleet = (user: string) => request(server).get('/api/aws/cost/fleet').set(as(user));

  // The catalog ingests the file, and the aws plugin's entity index (read at
  // most once a minute) sees its entities.
  let res = await fleet('user:default/olivia');
  const deadline = Date.now() + 120_000;
  while (res.status === 200 && !res.body.items.some((r: CostCenterRow) => r.entityRefs.length > 0)) {
    if (Date.now() > deadline) throw new Error('The cost rows never got their entities');
    await new Promise(r => setTimeout(r, 1000));
    res = await fleet('user:default/olivia');
  }
  expect({ status: res.status, error: res.body.error?.message }).toEqual({ status: 200, error: undefined });
  const finance: CollectionAnswer<CostCenterRow> = res.body;
  expect(finance.items.map(r => r.costCenter).sort()).toEqual([
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
    "You may not read that of component:default/analytics-api: a cost center's cost is readable by the groups that hold it (awsPortal.cost.costCenters) and by finance; owning an entity that claims it grants nothing.",
  );

  // A group's tab gathers the cost centers of what it owns.
  const group = (name: string, user: string) =>
    request(server).get(`/api/aws/cost/entity/default/group/${name}`).set(as(user));
  const ownGroup = await group('team-crm', 'user:default/carla');
  expect(ownGroup.status).toBe(200);
  expect(ownGroup.body.items.map((d: { costCenter: string }) => d.costCenter)).toEqual(['finance-consulting']);
  const financeReadsGroup = await group('team-analytics', 'user:default/olivia');
  expect(financeReadsGroup.body.items.map((d: { costCenter: string }) => d.costCenter)).toEqual(['data-platform']);
  const otherGroup = await group('team-analytics', 'user:default/carla');
  expect(otherGroup.status).toBe(403);
  expect(otherGroup.body.error.message).toMatch(/^You may not read that of group:default\/team-analytics:/);

  const stranger = await fleet('user:default/dave');
  expect(stranger.status).toBe(403);
  expect(stranger.body.error.message).toMatch(/^You may not read any of it: a cost center's cost is readable by the groups that hold it/);

  // The claim on another team's cost center grants the claimant nothing, and says why.
  const claimed = await request(server)
    .get('/api/aws/cost/entity/default/component/sneaky-service')
    .set(as('user:default/dave'));
  expect(claimed.status).toBe(403);
  expect(claimed.body.error.message).toBe(
    "You may not read that of component:default/sneaky-service: component:default/sneaky-service claims cost center finance-consulting, which its owner does not hold in awsPortal.cost.costCenters: the claim is unverified, and a cost center's cost is readable only by the groups that hold it and by finance.",
  );
  const claimantGroup = await group('team-x', 'user:default/dave');
  expect(claimantGroup.status).toBe(403);
  expect(JSON.stringify([stranger.body, claimed.body, claimantGroup.body])).not.toMatch(/monthToDate|amounts/);

  // Every field of every cost answer, per role. The organisation's totals
  // (accountMonthly, accountForecast) are in none of them.
  const ROW_FIELDS = [
    'anomalies', 'costCenter', 'currency', 'daily', 'dataAsOf', 'entityRefs', 'forecastBasis', 'forecastMonthEnd',
    'inactiveTags', 'lastMonth', 'monthToDate', 'monthly', 'runRateMonthEnd', 'staleQueries', 'topServices',
    'topServicesMonth', 'untagged', 'unverifiedEntityRefs',
  ];
  const DETAIL_FIELDS = [
    'allocationTags', 'anomalies', 'collectedAt', 'costCenter', 'currency', 'daily', 'dataAsOf', 'fetched',
    'forecastBasis', 'forecastMonthEnd', 'inactiveTags', 'lastMonth', 'metric', 'monthToDate', 'monthly',
    'payerAccountId', 'runRateMonthEnd', 'staleQueries', 'topServices', 'topServicesMonth', 'untagged',
    'unverifiedEntityRefs',
  ];
  const keys = (o: object) => Object.keys(o).sort();
  const crmRow = (answer: CollectionAnswer<CostCenterRow>) => answer.items.find(r => r.costCenter === 'finance-consulting')!;
  const fields = {
    finance: {
      row: keys(crmRow(finance)),
      untaggedRow: keys(finance.items.find(r => r.untagged)!),
      detail: keys((await request(server).get('/api/aws/cost/entity/default/component/crm-core-service').set(as('user:default/olivia'))).body.items[0]),
    },
    owner: { row: keys(crmRow(team.body)), detail: keys(own.body.items[0]) },
    otherMember: { fleet: stranger.status, detail: other.status },
  };
  expect(fields).toEqual({
    finance: { row: ROW_FIELDS, untaggedRow: [...ROW_FIELDS, 'untaggedResources'].sort(), detail: DETAIL_FIELDS },
    owner: { row: ROW_FIELDS, detail: DETAIL_FIELDS },
    otherMember: { fleet: 403, detail: 403 },
  });
  expect(JSON.stringify([finance, team.body, own.body])).not.toMatch(/accountMonthly|accountForecast/);

  // A cost center's row names every entity that claims it, and which claims
  // are unverified (their owner does not hold it), to finance and holders alike.
  const claimants = ['component:default/crm-core-service', 'component:default/crm-reporting', 'component:default/sneaky-service'];
  const unverified = ['component:default/crm-reporting', 'component:default/sneaky-service'];
  for (const answer of [finance, team.body]) {
    expect(crmRow(answer).entityRefs).toEqual(claimants);
    expect(crmRow(answer).unverifiedEntityRefs).toEqual(unverified);
  }
  const financeSeesClaim = await request(server)
    .get('/api/aws/cost/entity/default/component/sneaky-service')
    .set(as('user:default/olivia'));
  expect(financeSeesClaim.status).toBe(200);
  expect(financeSeesClaim.body.items[0]).toMatchObject({ costCenter: 'finance-consulting', unverifiedEntityRefs: unverified });
});
