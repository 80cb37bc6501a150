import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Estimate the monthly cost of the rendered stack',
    example: yaml.stringify({
      steps: [
        {
          id: 'estimate',
          action: 'aws:stack:estimate',
          name: 'Estimate the monthly cost',
          input: { configPath: 'infra/stack-config.json' },
        },
      ],
    }),
  },
];
