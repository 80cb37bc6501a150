import { createBackend } from '@backstage/backend-defaults';
import { signInModule } from './modules/signIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: OIDC or the AWS ALB in production (whichever is configured); guest
// sign-in and the demo users (finance, team members) on a developer's
// machine only — the sign-in module refuses to start otherwise.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(signInModule);
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@internal/plugin-auth-backend-module-demo-users-provider'));
}

// catalog, with the AWS annotation checks and entities from local files
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@internal/plugin-catalog-backend-module-aws-annotations'));
backend.add(import('@internal/plugin-catalog-backend-module-local-files'));

// AWS portal plugins
// the AWS collection pipeline and its sources
backend.add(import('@internal/plugin-aws-backend'));
backend.add(import('@internal/plugin-aws-backend-module-ecs-health'));
backend.add(import('@internal/plugin-aws-backend-module-cloudwatch'));
backend.add(import('@internal/plugin-aws-backend-module-cost'));
backend.add(import('@internal/plugin-aws-backend-module-dr'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@internal/plugin-scaffolder-backend-module-aws-stacks'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// permissions: the portal's policy (cost readable by owners and finance)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@internal/plugin-permission-backend-module-aws-portal-policy'),
);

// search over the catalog
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// A plugin or module that refuses to start (the sign-in check among them)
// stops the process instead of leaving the others running without it.
backend.start().catch(() => {
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
