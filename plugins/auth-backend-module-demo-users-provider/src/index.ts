/**
 * Sign-in as one of the demo catalog's users, so that anyone trying the
 * portal (and the browser tests) can see it as finance or as a member of a
 * team. Development only, like the guest provider.
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint, createProxyAuthProviderFactory } from '@backstage/plugin-auth-node';
import { demoUsersAuthenticator } from './authenticator';

export { DEMO_USER_HEADER } from './authenticator';

/**
 * The `demo` sign-in provider. Configuration (`auth.providers.demo`):
 * `users`, the names of the catalog users one may sign in as, and
 * `dangerouslyAllowOutsideDevelopment`. The user is named by the
 * `x-portal-demo-user` header of the refresh request and signed in as that
 * catalog user, with the ownership of the groups it is a member of.
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint, config: coreServices.rootConfig },
      async init({ providers, config }) {
        if (!config.has('auth.providers.demo')) return;
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({ entityRef: { kind: 'User', namespace: 'default', name: result.userName } });
            },
          }),
        });
      },
    });
  },
});
