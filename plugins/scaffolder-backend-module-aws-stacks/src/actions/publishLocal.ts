import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction, executeShellCommand } from '@backstage/plugin-scaffolder-node';
import fs from 'fs-extra';
import { join, resolve } from 'node:path';
import { examples } from './publishLocal.examples';
import { registerAsPortal } from './registerRepository';

/**
 * `publish:local`: publishes the workspace as a git repository under a local
 * directory and registers its catalog-info.yaml (as the portal:
 * `registerAsPortal`), so a portal with no GitHub configured still completes
 * a scaffold run end to end.
 */
export function createPublishLocalAction(options: {
  baseDirectory: string;
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'publish:local',
    description: 'Publishes the workspace as a local git repository and registers it in the catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({ description: 'Repository name' }).regex(/^[a-z][a-z0-9-]{1,62}$/, {
            message: 'name must be 2–63 lowercase letters, digits or dashes, starting with a letter.',
          }),
        catalogInfoPath: z =>
          z.string({ description: 'Path of the catalog file in the repository' }).default('catalog-info.yaml'),
      },
      output: {
        remoteUrl: z => z.string({ description: 'file:// URL of the repository' }),
        entityRef: z => z.string({ description: 'The registered entity' }).optional(),
      },
    },
    async handler(ctx) {
      const target = resolve(options.baseDirectory, ctx.input.name);
      const catalogInfo = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      if (!(await fs.pathExists(join(ctx.workspacePath, catalogInfo)))) {
        throw new InputError(`The template produced no ${catalogInfo}.`);
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Would publish to ${target} and register ${catalogInfo}`);
        ctx.output('remoteUrl', `file://${target}`);
        return;
      }
      await ctx.checkpoint({
        key: `publish-local-${ctx.input.name}`,
        fn: async () => {
          if (await fs.pathExists(target)) {
            throw new InputError(`${target} already exists; choose another name.`);
          }
          await fs.copy(ctx.workspacePath, target);
          const git = (args: string[]) =>
            executeShellCommand({ command: 'git', args, options: { cwd: target }, logger: ctx.logger });
          await git(['init', '--quiet', '--initial-branch=main']);
          await git(['add', '--all']);
          await git([
            '-c', 'user.name=Developer Portal',
            '-c', 'user.email=portal@localhost',
            'commit', '--quiet', '-m', 'Initial commit from the developer portal',
          ]);
          return target;
        },
      });
      const entityRef = await registerAsPortal(options, { type: 'file', target: join(target, catalogInfo) });
      ctx.logger.info(`Published ${target}${entityRef ? ` and registered ${entityRef}` : ''}`);
      ctx.output('remoteUrl', `file://${target}`);
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
