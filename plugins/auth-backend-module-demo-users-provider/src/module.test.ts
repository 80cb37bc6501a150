/*
 * The demo sign-in through the real auth backend and the real catalog (read
 * from a file): a configured user signs in with the ownership of their
 * groups; others are refused with a sentence.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import demoUsersModule from './index';

jest.setTimeout(60_000);

const ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: finance }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: olivia.brown }
spec: { memberOf: [finance] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mallory }
spec: { memberOf: [finance] }
`;

it('signs a configured demo user in with their groups, and refuses anyone else with a sentence', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'demo-users-')), 'org.yaml');
  writeFileSync(file, ORG);
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      demoUsersModule,
      catalogPlugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { demo: { users: ['olivia.brown'], dangerouslyAllowOutsideDevelopment: true } } },
          catalog: { locations: [{ type: 'file', target: file }], rules: [{ allow: ['User', 'Group'] }] },
        },
      }),
    ],
  });
  const refresh = (user?: string) => {
    const r = request(server).get('/api/auth/demo/refresh').set('X-Requested-With', 'XMLHttpRequest');
    return user ? r.set('x-portal-demo-user', user) : r;
  };

  // The catalog ingests the file in the background.
  let res = await refresh('olivia.brown');
  for (let i = 0; i < 40 && res.status !== 200; i++) {
    await new Promise(r => setTimeout(r, 500));
    res = await refresh('olivia.brown');
  }
  expect(res.status).toBe(200);
  expect(res.body.backstageIdentity.identity).toEqual({
    type: 'user',
    userEntityRef: 'user:default/olivia.brown',
    ownershipEntityRefs: expect.arrayContaining(['user:default/olivia.brown', 'group:default/finance']),
  });

  const stranger = await refresh('mallory');
  expect(stranger.status).toBe(403);
  expect(stranger.body.error.message).toBe(
    '"mallory" is not a demo user of this portal; auth.providers.demo.users names olivia.brown.',
  );
  const nobody = await refresh();
  expect(nobody.status).toBe(400);
  expect(nobody.body.error.message).toBe('Name the demo user to sign in as in the x-portal-demo-user header.');
});
