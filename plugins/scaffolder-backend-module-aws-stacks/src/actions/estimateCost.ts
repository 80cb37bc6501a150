import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { estimateMonthlyCost } from '@internal/aws-stacks';
import { assertBuildable, configPathInput, readStackConfig } from './stackConfig';
import { examples } from './estimateCost.examples';

/**
 * `aws:stack:estimate`: the monthly cost of the chosen sizing, from the
 * committed price table, with the table's region and date.
 */
export function createEstimateCostAction() {
  return createTemplateAction({
    id: 'aws:stack:estimate',
    description: 'Estimates the monthly cost of the generated stack from the committed price table.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        configPath: configPathInput,
      },
      output: {
        monthlyUsd: z => z.number({ description: 'Estimated USD per month' }),
        summary: z => z.string({ description: 'One line for the template output' }),
        lines: z => z.array(z.object({ item: z.string(), monthlyUsd: z.number() })),
      },
    },
    async handler(ctx) {
      const config = assertBuildable(
        await readStackConfig(ctx.workspacePath, ctx.input.configPath),
        'The stack cannot be estimated',
      );
      const estimate = estimateMonthlyCost(config);
      for (const line of estimate.lines) {
        ctx.logger.info(`${line.item}: $${line.monthlyUsd.toFixed(2)}`);
      }
      const summary = `About $${estimate.monthlyUsd.toFixed(2)} a month (${estimate.priceTable.region} list prices of ${estimate.priceTable.date}). ${estimate.excludes}`;
      ctx.logger.info(summary);
      ctx.output('monthlyUsd', estimate.monthlyUsd);
      ctx.output('summary', summary);
      ctx.output('lines', estimate.lines);
    },
  });
}
