import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  cfnLintErrorsAsync,
  createPlatformApp,
  readNagFindings,
} from '@internal/aws-stacks';
import { assertBuildable, configPathInput, readStackConfig } from './stackConfig';
import { examples } from './validateStack.examples';

/**
 * `aws:stack:validate`: builds the generated repository's stack from its
 * stack-config.json with the same construct library its CDK app uses, runs
 * cdk-nag's AwsSolutions checks and cfn-lint, and fails the task with a
 * readable list before anything is published.
 */
export function createValidateStackAction() {
  return createTemplateAction({
    id: 'aws:stack:validate',
    description:
      'Synthesizes the generated stack and checks it with cdk-nag (AwsSolutions) and cfn-lint; fails with every finding listed.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        configPath: configPathInput,
      },
      output: {
        templateResources: z => z.number({ description: 'Resources in the synthesized template' }),
        findings: z => z.array(z.string(), { description: 'Empty when the stack passed' }),
      },
    },
    async handler(ctx) {
      const config = assertBuildable(
        await readStackConfig(ctx.workspacePath, ctx.input.configPath),
        'The stack cannot be built from these answers',
        ctx.logger,
      );

      ctx.logger.info('Synthesizing with cdk-nag AwsSolutions checks');
      // Removed by the scaffolder when the task ends.
      const outdir = await ctx.createTemporaryDirectory();
      const findings: string[] = [];
      let template: { Resources?: Record<string, unknown> } = {};
      try {
        const { app, stack } = createPlatformApp(config, outdir);
        const assembly = app.synth();
        template = assembly.getStackByName(stack.stackName).template;
      } catch (error) {
        const nag = readNagFindings(outdir);
        if (nag) {
          findings.push(...nag.map(f => `cdk-nag ${f.rule}: ${f.description}`));
        } else {
          findings.push(`synth: ${(error as Error).message}`);
        }
      }
      if (findings.length === 0) {
        ctx.logger.info('Running cfn-lint');
        findings.push(...(await cfnLintErrorsAsync(template)).map(e => `cfn-lint ${e.replace(/^.*?:(E\d{4}):/, '$1: ')}`));
      }
      ctx.output('findings', findings);
      ctx.output('templateResources', Object.keys(template.Resources ?? {}).length);
      if (findings.length > 0) {
        for (const f of findings) ctx.logger.error(f);
        throw new InputError(`The generated stack did not pass its checks:\n- ${findings.join('\n- ')}`);
      }
      ctx.logger.info(
        `The stack synthesizes (${Object.keys(template.Resources ?? {}).length} resources) and passes cdk-nag and cfn-lint`,
      );
    },
  });
}
