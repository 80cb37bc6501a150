/*
 * Who may register catalog locations and stamp which stacks, through the
 * real parts: the catalog backend (reading a template from a file), the
 * scaffolder backend running the golden paths' own render action, the
 * permission backend with this policy (its conditional decision applied by
 * the scaffolder to each step's input). The stand-ins
 * (`permissionTestServices`) are the user-info service, which hands out each
 * test user's ownership claims as sign-in would, and the test auth service's
 * tokens.
 */
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogTemplates from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { permissionTestServices } from '@internal/plugin-aws-backend/testUtils';
import localFiles from '@internal/plugin-catalog-backend-module-local-files';
import awsStacks from '@internal/plugin-scaffolder-backend-module-aws-stacks';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import policyModule from './index';

jest.setTimeout(180_000);

const CLAIMS: Record<string, string[]> = {
  'user:default/mai': ['group:default/platform-team'],
  'user:default/carla': ['group:default/team-crm'],
  'user:default/arjun': ['group:default/team-analytics'],
};

/** A golden path reduced to its render step, whose kind and environment profile the run chooses. */
const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'golden-path' },
  spec: {
    owner: 'group:default/platform-team',
    type: 'service',
    parameters: [{ properties: { kind: { type: 'string' }, environment: { type: 'string' } } }],
    steps: [
      {
        id: 'render',
        name: 'Render the repository',
        action: 'aws:stack:render',
        input: {
          values: { name: 'crm-redis', owner: 'group:default/team-crm', entityKind: 'Resource', entityType: 'cache' },
          stackConfig: {
            kind: '${{ parameters.kind }}',
            stackName: 'crm-redis-${{ parameters.environment }}',
            account: '111111111111',
            region: 'us-east-1',
            environment: '${{ parameters.environment }}',
            environmentName: 'crm-${{ parameters.environment }}',
            tags: {
              project: 'CRM-System',
              component: 'cache',
              owner: 'group:default/team-crm',
              costCenter: 'finance-consulting',
              entityRef: 'resource:default/crm-redis',
            },
            cache: { name: 'crm-redis', engineVersion: '7.0', nodeType: 'cache.r6g.large', replicas: 2 },
          },
        },
      },
    ],
  },
};

/** The same golden path with the templates' check before its render step, as the real templates run it. */
const checkedTemplate = {
  ...template,
  metadata: { name: 'checked-golden-path' },
  spec: {
    ...template.spec,
    steps: [
      {
        id: 'authorize',
        name: 'Check who may stamp it',
        action: 'aws:stack:authorize',
        input: {
          kind: '${{ parameters.kind }}',
          environment: '${{ parameters.environment }}',
          environmentName: 'crm-${{ parameters.environment }}',
        },
      },
      ...template.spec.steps,
    ],
  },
};

const REFUSED = 'Unauthorized action: aws:stack:render. The action is not allowed.';

describe('the portal policy in the catalog and the scaffolder', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const dir = mkdtempSync(join(tmpdir(), 'portal-policy-'));
  const as = (user: string) => ({ Authorization: mockCredentials.user.header(user) });

  beforeAll(async () => {
    writeFileSync(join(dir, 'template.yaml'), yaml.stringify(template));
    writeFileSync(join(dir, 'checked-template.yaml'), yaml.stringify(checkedTemplate));
    writeFileSync(
      join(dir, 'component.yaml'),
      yaml.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'crm-core-service' },
        spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-crm' },
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogTemplates,
        localFiles,
        permissionPlugin,
        policyModule,
        scaffolderPlugin,
        awsStacks,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              locations: [
                { type: 'file', target: join(dir, 'template.yaml') },
                { type: 'file', target: join(dir, 'checked-template.yaml') },
              ],
              rules: [{ allow: ['Component', 'Template', 'Location'] }],
            },
            awsPortal: {
              allowFileLocations: true,
              permissions: {
                catalogLocations: ['group:default/platform-team'],
                productionStacks: ['group:default/platform-team'],
                goldenPaths: [
                  { kind: 'platform-environment', allowed: ['group:default/platform-team'] },
                  { kind: 'msk-replicator', allowed: ['group:default/platform-team', 'team-analytics'] },
                ],
              },
            },
          },
        }),
        ...permissionTestServices(CLAIMS),
      ],
    }));
    // The catalog ingests the templates.
    const deadline = Date.now() + 60_000;
    for (const name of ['golden-path', 'checked-golden-path']) {
      while (
        (await request(server).get(`/api/catalog/entities/by-name/template/default/${name}`).set(as('user:default/mai')))
          .status !== 200
      ) {
        if (Date.now() > deadline) throw new Error(`The template ${name} never reached the catalog`);
        await new Promise(r => setTimeout(r, 500));
      }
    }
  });

  /** Runs a golden path as `user`; resolves to its status and the message of its render step's failure, if any. */
  async function run(user: string, values: { kind: string; environment: string }, name = 'golden-path', stepId = 'render') {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set(as(user))
      .send({ templateRef: `template:default/${name}`, values });
    expect({ status: created.status, body: created.body }).toEqual({ status: 201, body: { id: expect.any(String) } });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const task = await request(server).get(`/api/scaffolder/v2/tasks/${created.body.id}`).set(as(user));
      if (task.body.status === 'completed' || task.body.status === 'failed') {
        const events = await request(server).get(`/api/scaffolder/v2/tasks/${created.body.id}/events`).set(as(user));
        const failure = (events.body as { body: { stepId?: string; status?: string; message: string } }[]).find(
          e => e.body.stepId === stepId && e.body.status === 'failed',
        );
        // The step's log line is the error with its stack: the sentence is its first line.
        const message = failure?.body.message.split('\n')[0].replace(/^\w*Error: /, '');
        return { status: task.body.status as string, message };
      }
      if (Date.now() > deadline) throw new Error(`Task ${created.body.id} never ended`);
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('lets only the platform team register catalog locations, and tells the others', async () => {
    const location = { type: 'file', target: join(dir, 'component.yaml') };
    const refused = await request(server).post('/api/catalog/locations').set(as('user:default/carla')).send(location);
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('NotAllowedError');
    const allowed = await request(server)
      .post('/api/catalog/locations?dryRun=true')
      .set(as('user:default/mai'))
      .send(location);
    expect({ status: allowed.status, error: allowed.body.error?.message }).toEqual({ status: 201, error: undefined });
    // The dry run lists the Location entity it would add and the component the file holds.
    expect(allowed.body.entities.map((e: { kind: string }) => e.kind)).toEqual(['Location', 'Component']);
  });

  it('refuses production stacks outside the platform team, at the render step, with the sentence', async () => {
    expect(await run('user:default/carla', { kind: 'redis-cache', environment: 'production' })).toEqual({
      status: 'failed',
      message: REFUSED,
    });
    expect(await run('user:default/mai', { kind: 'redis-cache', environment: 'production' })).toEqual({
      status: 'completed',
      message: undefined,
    });
    expect(await run('user:default/carla', { kind: 'redis-cache', environment: 'development' })).toEqual({
      status: 'completed',
      message: undefined,
    });
  });

  it('refuses a golden path limited to other groups, and lets its groups past the permission', async () => {
    expect(await run('user:default/carla', { kind: 'platform-environment', environment: 'development' })).toEqual({
      status: 'failed',
      message: REFUSED,
    });
    // Allowed: the permission lets the render step run, which refuses a cache's answers as a replicator.
    const analytics = await run('user:default/arjun', { kind: 'msk-replicator', environment: 'development' });
    expect(analytics.status).toBe('failed');
    expect(analytics.message).toBe('The stack cannot be built from these answers:');
    expect((await run('user:default/carla', { kind: 'msk-replicator', environment: 'development' })).message).toBe(REFUSED);
  });

  it("stops a refused run at the templates' check, with the reason, before the render step", async () => {
    const check = (user: string, values: { kind: string; environment: string }) =>
      run(user, values, 'checked-golden-path', 'authorize');
    expect(await check('user:default/carla', { kind: 'redis-cache', environment: 'production' })).toEqual({
      status: 'failed',
      message:
        'crm-production is a production environment: only group:default/platform-team may stamp stacks into production environments (awsPortal.permissions.productionStacks), and user:default/carla is not among them.',
    });
    expect(await check('user:default/carla', { kind: 'platform-environment', environment: 'development' })).toEqual({
      status: 'failed',
      message:
        'The platform-environment golden path is for group:default/platform-team (awsPortal.permissions.goldenPaths), and user:default/carla is not among them.',
    });
    expect(await check('user:default/mai', { kind: 'redis-cache', environment: 'production' })).toEqual({
      status: 'completed',
      message: undefined,
    });
  });
});
