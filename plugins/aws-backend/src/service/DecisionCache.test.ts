import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { DECISION_TTL_MS, DecisionCache } from './DecisionCache';

const permission = createPermission({ name: 'widget.read', attributes: { action: 'read' }, resourceType: 'catalog-entity' });

/** A permission service that allows what the user owns, counting what it is asked (a stand-in: the cache is what is tested). */
function countingPermissions() {
  const asked: string[][] = [];
  let conditional = 0;
  const service = {
    async authorizeConditional() {
      conditional++;
      return [{ result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: {} }];
    },
    async authorize(requests: Array<{ resourceRef?: string }>) {
      asked.push(requests.map(r => r.resourceRef!));
      return requests.map(r => ({ result: r.resourceRef!.endsWith('-mine') ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }));
    },
  } as unknown as PermissionsService;
  return { service, asked, conditionalCalls: () => conditional };
}

describe('DecisionCache', () => {
  it('asks once per caller and scope, only about refs not decided yet, and again after the TTL or a new scope', async () => {
    let now = 0;
    const { service, asked, conditionalCalls } = countingPermissions();
    const cache = new DecisionCache(service, () => now);
    const carla = mockCredentials.user('user:default/carla');
    const dave = mockCredentials.user('user:default/dave');
    const scope = {};

    expect(await cache.overall(scope, permission, carla)).toBe(AuthorizeResult.CONDITIONAL);
    expect(await cache.overall(scope, permission, carla)).toBe(AuthorizeResult.CONDITIONAL);
    expect(conditionalCalls()).toBe(1);

    expect([...(await cache.readable(scope, permission, ['a-mine', 'b'], carla))]).toEqual(['a-mine']);
    expect([...(await cache.readable(scope, permission, ['a-mine', 'b', 'c-mine'], carla))]).toEqual(['a-mine', 'c-mine']);
    expect(asked).toEqual([['a-mine', 'b'], ['c-mine']]);

    // Another caller has decisions of its own.
    await cache.readable(scope, permission, ['a-mine'], dave);
    expect(asked).toHaveLength(3);

    // The answers were rebuilt (a collection, a new view of the catalog): asked again.
    await cache.readable({}, permission, ['a-mine'], carla);
    expect(asked).toHaveLength(4);

    // Past the TTL: asked again, even in the same scope.
    now += DECISION_TTL_MS + 1;
    await cache.readable(scope, permission, ['a-mine'], carla);
    await cache.overall(scope, permission, carla);
    expect(asked).toHaveLength(5);
    expect(conditionalCalls()).toBe(2);
  });
});
