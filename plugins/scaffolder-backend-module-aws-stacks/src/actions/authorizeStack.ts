import type { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { type PortalPermissions, stampRefusal } from '@internal/plugin-aws-node';
import { examples } from './authorizeStack.examples';

/**
 * `aws:stack:authorize`: stops a run, with a sentence, when the user may
 * not stamp this golden path or may not stamp into a production
 * environment (`awsPortal.permissions`). The permission policy refuses the
 * render step on the same lists whatever a template says; this step runs
 * first so that the person sees why, not "The action is not allowed".
 */
export function createAuthorizeStackAction(options: {
  portal: PortalPermissions;
  auth: AuthService;
  userInfo: UserInfoService;
}) {
  return createTemplateAction({
    id: 'aws:stack:authorize',
    description: 'Refuses, with the reason, a golden path the user may not run or a production stack the user may not stamp.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        kind: z => z.string({ description: 'The stack kind the render step writes (stackConfig.kind)' }),
        environment: z =>
          z.string({ description: "The target environment's profile (stackConfig.environment), e.g. production" }),
        environmentName: z =>
          z.string({ description: 'The platform environment, named in the sentence' }).optional(),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      // A run that no user started (a service) is the policy's to decide.
      if (!options.auth.isPrincipal(credentials, 'user')) return;
      const user = await options.userInfo.getUserInfo(credentials);
      const refusal = stampRefusal(options.portal, user, {
        kind: ctx.input.kind,
        profile: ctx.input.environment,
        environmentName: ctx.input.environmentName,
      });
      if (refusal) throw new NotAllowedError(refusal);
      ctx.logger.info(`${user.userEntityRef} may stamp ${ctx.input.kind} into ${ctx.input.environmentName ?? ctx.input.environment}.`);
    },
  });
}
