import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { assertBuildable } from './stackConfig';
import fs from 'fs-extra';
import nunjucks from 'nunjucks';
import { dirname, join, relative } from 'node:path';
import { examples } from './renderStack.examples';

const SKELETON = resolvePackagePath(
  '@internal/plugin-scaffolder-backend-module-aws-stacks',
  'skeleton',
);

/** Files of the skeleton, relative to it, recursively. */
async function skeletonFiles(dir = SKELETON): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await skeletonFiles(full)));
    else out.push(relative(SKELETON, full));
  }
  return out;
}

/**
 * `aws:stack:render`: writes the platform's repository skeleton (thin CDK
 * app, catalog-info.yaml, README, CI workflow) into the workspace, and the
 * form's answers as infra/stack-config.json. Every golden path shares this one
 * skeleton, so the repositories stay alike and change in one place.
 */
export function createRenderStackAction() {
  return createTemplateAction({
    id: 'aws:stack:render',
    description: 'Writes the golden-path repository skeleton and infra/stack-config.json into the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        values: z =>
          z
            .record(z.any(), { description: 'Values for the skeleton: name, description, owner, entityKind, …' })
            .default({}),
        stackConfig: z => z.record(z.any(), { description: 'The stack configuration (kind, account, region, …)' }),
      },
      output: {
        files: z => z.array(z.string(), { description: 'Files written' }),
      },
    },
    async handler(ctx) {
      assertBuildable(ctx.input.stackConfig, 'The stack cannot be built from these answers', ctx.logger);
      const env = new nunjucks.Environment(undefined, {
        autoescape: false,
        throwOnUndefined: false,
        tags: { variableStart: '${{', variableEnd: '}}' },
      });
      const written: string[] = [];
      for (const file of await skeletonFiles()) {
        const source = await fs.readFile(join(SKELETON, file), 'utf8');
        const target = join(ctx.workspacePath, file);
        await fs.ensureDir(dirname(target));
        await fs.writeFile(target, env.renderString(source, { values: ctx.input.values ?? {} }));
        written.push(file);
      }
      const configFile = join(ctx.workspacePath, 'infra', 'stack-config.json');
      await fs.ensureDir(dirname(configFile));
      await fs.writeJson(configFile, ctx.input.stackConfig, { spaces: 2 });
      written.push('infra/stack-config.json');
      ctx.logger.info(`Wrote ${written.length} files`);
      ctx.output('files', written.sort());
    },
  });
}
