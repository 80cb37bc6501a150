import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { assertBuildable } from './stackConfig';
import fs from 'fs-extra';
import nunjucks from 'nunjucks';
import { createHash } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
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

const LIBRARY = resolvePackagePath('@internal/aws-stacks');

/**
 * Copies the construct library's sources (not its tests) into
 * `vendor/aws-stacks/`, with a README naming its version and a digest of the
 * files, so the generated repository synthesizes with nothing but npm: its
 * package.json carries the library's dependencies, and ts-node compiles the
 * copy with the app.
 */
async function vendorLibrary(workspacePath: string): Promise<string[]> {
  const { name, version } = await fs.readJson(join(LIBRARY, 'package.json'));
  // Its folders too (the stack kinds' descriptors), as POSIX paths so the digest is the same everywhere.
  const sources = (await fs.promises.readdir(join(LIBRARY, 'src'), { recursive: true }))
    .map(file => file.split(sep).join('/'))
    .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.split('/').includes('__testUtils__'))
    .sort();
  const digest = createHash('sha256');
  const written: string[] = [];
  for (const file of sources) {
    const text = await fs.readFile(join(LIBRARY, 'src', file), 'utf8');
    digest.update(file).update(text);
    await fs.outputFile(join(workspacePath, 'vendor/aws-stacks', file), text);
    written.push(`vendor/aws-stacks/${file}`);
  }
  await fs.outputFile(
    join(workspacePath, 'vendor/aws-stacks/README.md'),
    [
      `# ${name} ${version}`,
      '',
      "The developer portal's construct library, copied here when this repository was generated",
      `(sha256 of its sources: \`${digest.digest('hex')}\`). The stack in \`infra/\` is built from it,`,
      "so the platform's standards (tags, cdk-nag, encryption, alarms) hold without the portal.",
      '',
      "Change the stack through `infra/stack-config.json`, not here: a newer library replaces these files",
      'as a whole when the platform team updates the repository.',
      '',
    ].join('\n'),
  );
  written.push('vendor/aws-stacks/README.md');
  return written;
}

/**
 * `aws:stack:render`: writes the platform's repository skeleton (thin CDK
 * app, catalog-info.yaml, README, CI workflow) and a copy of the construct
 * library into the workspace, and the
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
      written.push(...(await vendorLibrary(ctx.workspacePath)));
      const configFile = join(ctx.workspacePath, 'infra', 'stack-config.json');
      await fs.ensureDir(dirname(configFile));
      await fs.writeJson(configFile, ctx.input.stackConfig, { spaces: 2 });
      written.push('infra/stack-config.json');
      ctx.logger.info(`Wrote ${written.length} files`);
      ctx.output('files', written.sort());
    },
  });
}
