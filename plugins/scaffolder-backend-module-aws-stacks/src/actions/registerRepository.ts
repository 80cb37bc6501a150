import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './registerRepository.examples';

/**
 * Registers a repository the run has just published, as the portal: with its
 * own service credentials, not the user's. Who may run a golden path is the
 * policy's decision on the template's actions; registering what it
 * published needs no right to register arbitrary catalog locations
 * (`catalog.location.create`, which the policy may keep to the platform
 * team).
 */
export async function registerAsPortal(
  options: { catalog: CatalogService; auth: AuthService },
  location: { type: 'file' | 'url'; target: string },
): Promise<string | undefined> {
  const { entities } = await options.catalog.addLocation(location, {
    credentials: await options.auth.getOwnServiceCredentials(),
  });
  return entities[0] && stringifyEntityRef(entities[0]);
}

/**
 * `aws:catalog:register`: registers the catalog file of the repository a
 * publish step created (for example `publish:github`) in the catalog, as
 * the portal.
 */
export function createRegisterRepositoryAction(options: { catalog: CatalogService; auth: AuthService }) {
  return createTemplateAction({
    id: 'aws:catalog:register',
    description: "Registers the published repository's catalog file in the catalog, with the portal's credentials.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoContentsUrl: z =>
          z.string({ description: "The published repository's contents URL (a publish step's repoContentsUrl output)" }),
        catalogInfoPath: z =>
          z.string({ description: 'Path of the catalog file in the repository' }).default('/catalog-info.yaml'),
      },
      output: {
        catalogInfoUrl: z => z.string({ description: 'The registered catalog file' }),
        entityRef: z => z.string({ description: 'The registered entity' }).optional(),
      },
    },
    async handler(ctx) {
      let target: string;
      try {
        const base = new URL(ctx.input.repoContentsUrl);
        target = new URL(ctx.input.catalogInfoPath.replace(/^\/+/, ''), `${base.href.replace(/\/+$/, '')}/`).href;
      } catch {
        throw new InputError(`repoContentsUrl: "${ctx.input.repoContentsUrl}" is not a URL.`);
      }
      ctx.output('catalogInfoUrl', target);
      if (ctx.isDryRun) {
        ctx.logger.info(`Would register ${target}`);
        return;
      }
      const entityRef = await registerAsPortal(options, { type: 'url', target });
      ctx.logger.info(`Registered ${target}${entityRef ? `: ${entityRef}` : ''}`);
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
