import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  awsAlbAuthenticator,
  awsAlbSignInResolvers,
} from '@backstage/plugin-auth-backend-module-aws-alb-provider';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  commonSignInResolvers,
  createOAuthProviderFactory,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The address the backend binds, as Backstage reads `backend.listen` ('' is every interface). */
function listenHost(config: Config): string {
  const listen = config.getOptional('backend.listen');
  if (typeof listen === 'string') {
    const parts = listen.split(':');
    return parts.length === 2 ? parts[0] : '';
  }
  return config.getOptionalString('backend.listen.host') ?? '';
}

/** The sign-in providers meant for a developer's own machine. */
const LOCAL_PROVIDERS = ['guest', 'demo'] as const;

/** Why the local providers may not run here, or undefined when they may. */
function exposure(config: Config): string | undefined {
  if (process.env.NODE_ENV === 'production') return 'NODE_ENV is production';
  for (const key of ['app.baseUrl', 'backend.baseUrl']) {
    const url = config.getOptionalString(key);
    if (!url) continue;
    const host = new URL(url).hostname;
    if (!LOCAL_HOSTS.has(host)) return `${key} is ${url}, not localhost`;
  }
  const host = listenHost(config);
  if (!LOCAL_HOSTS.has(host)) {
    return `the backend listens on ${host ? host : 'every network interface'} (backend.listen), not only on 127.0.0.1`;
  }
  return undefined;
}

/**
 * Refuses to start, with a sentence, when a sign-in meant for a developer's
 * own machine (guest, the demo users) is enabled where others can reach the
 * portal, or when a production backend has no provider anyone could sign in
 * with.
 */
export function checkSignInConfig(config: Config): void {
  const providers = config.getOptionalConfig('auth.providers');
  const local = LOCAL_PROVIDERS.filter(id => providers?.has(id));
  const why = exposure(config);
  if (local.length > 0 && why) {
    throw new Error(
      `Refusing to start: the ${local.join(' and ')} sign-in ${
        local.length > 1 ? 'providers are' : 'provider is'
      } enabled (auth.providers.${local.join(', auth.providers.')}) while ${why}; ` +
        'they let anyone who reaches the portal in without a password. ' +
        'Remove them (app-config.production.yaml does) and sign in through OIDC or the AWS ALB provider.',
    );
  }
  if (process.env.NODE_ENV === 'production' && !oidcSettings(config) && !albSettings(config)) {
    throw new Error(
      'Refusing to start: NODE_ENV is production and no sign-in provider is configured, so nobody could sign in. ' +
        'Set AUTH_OIDC_METADATA_URL, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET (OIDC), ' +
        'or AUTH_ALB_ISSUER and AUTH_ALB_REGION (behind an AWS ALB); README "Running in production".',
    );
  }
}

/** The OIDC provider's settings for the auth environment, when its metadata URL is set. */
function oidcSettings(config: Config): Config | undefined {
  const environment = config.getOptionalString('auth.environment') ?? 'development';
  const settings = config.getOptionalConfig(`auth.providers.oidc.${environment}`);
  return settings?.has('metadataUrl') ? settings : undefined;
}

function albSettings(config: Config): Config | undefined {
  const settings = config.getOptionalConfig('auth.providers.awsalb');
  return settings?.has('issuer') ? settings : undefined;
}

/**
 * Production sign-in: OpenID Connect (any identity provider) and the AWS
 * ALB provider (behind a load balancer that authenticates), each enabled
 * when its settings are present, so one configuration file carries both and
 * the environment picks; users are matched to catalog users by the
 * resolvers the configuration names. Also refuses to start when the local
 * guest or demo sign-in is enabled outside a developer's machine
 * ({@link checkSignInConfig}).
 */
export const signInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'portal-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        checkSignInConfig(config);
        if (oidcSettings(config)) {
          providers.registerProvider({
            providerId: 'oidc',
            factory: createOAuthProviderFactory({
              authenticator: oidcAuthenticator,
              signInResolverFactories: { ...oidcSignInResolvers },
            }),
          });
          logger.info('Sign-in through OIDC is enabled');
        }
        if (albSettings(config)) {
          providers.registerProvider({
            providerId: 'awsalb',
            factory: createProxyAuthProviderFactory({
              authenticator: awsAlbAuthenticator,
              signInResolverFactories: { ...commonSignInResolvers, ...awsAlbSignInResolvers },
            }),
          });
          logger.info('Sign-in through the AWS ALB is enabled');
        }
      },
    });
  },
});
