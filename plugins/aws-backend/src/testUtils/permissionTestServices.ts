import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { type AuthService, coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The services a test backend needs for real permission decisions between
 * real plugins (catalog, permission, scaffolder, aws): Backstage's own HTTP
 * auth and permissions services, the test auth service whose
 * plugin-to-plugin tokens carry the calling plugin as their actor as the
 * real ones do (the permission backend refuses conditional questions from a
 * user with no plugin acting for them), and a user-info service that hands
 * out each test user's ownership claims as sign-in would: the user itself
 * and `claims[userRef]`.
 *
 * Send requests with `Authorization: mockCredentials.user.header(ref)`.
 *
 * @public
 */
export function permissionTestServices(claims: Record<string, string[]>) {
  return [
    permissionsServiceFactory,
    httpAuthServiceFactory,
    createServiceFactory({
      service: coreServices.auth,
      deps: { plugin: coreServices.pluginMetadata },
      factory({ plugin }) {
        const auth = mockServices.auth({ pluginId: plugin.getId() });
        return {
          getNoneCredentials: () => auth.getNoneCredentials(),
          getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
          isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
          getPluginRequestToken: o => auth.getPluginRequestToken(o),
          getLimitedUserToken: c => auth.getLimitedUserToken(c),
          listPublicServiceKeys: () => auth.listPublicServiceKeys(),
          async authenticate(token, options) {
            const credentials = await auth.authenticate(token, options);
            if (!token.startsWith(SERVICE_TOKEN_PREFIX)) return credentials;
            const { sub, obo } = JSON.parse(token.slice(SERVICE_TOKEN_PREFIX.length));
            return obo ? mockCredentials.user(obo, { actor: { subject: sub } }) : credentials;
          },
        } as AuthService;
      },
    }),
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => ({
        async getUserInfo(credentials: any) {
          const ref = credentials.principal.userEntityRef as string;
          return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(claims[ref] ?? [])] };
        },
      }),
    }),
  ] as const;
}
