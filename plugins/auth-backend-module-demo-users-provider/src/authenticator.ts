import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-portal-demo-user';

interface DemoUsersContext {
  users: string[];
  allowed: boolean;
}

/**
 * Reads the demo user from the refresh request's header and checks it is
 * one of the configured ones.
 */
export const demoUsersAuthenticator = createProxyAuthenticator<DemoUsersContext, { userName: string }, undefined>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return {
      users: config.getOptionalStringArray('users') ?? [],
      allowed:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true,
    };
  },
  async authenticate({ req }, { users, allowed }) {
    if (!allowed) {
      throw new NotAllowedError(
        'Demo users can sign in only in a development environment, unless auth.providers.demo.dangerouslyAllowOutsideDevelopment is set.',
      );
    }
    const userName = req.header(DEMO_USER_HEADER);
    if (!userName) {
      throw new InputError(`Name the demo user to sign in as in the ${DEMO_USER_HEADER} header.`);
    }
    if (!users.includes(userName)) {
      throw new NotAllowedError(
        `"${userName}" is not a demo user of this portal; auth.providers.demo.users names ${users.join(', ') || 'none'}.`,
      );
    }
    return { result: { userName } };
  },
});
