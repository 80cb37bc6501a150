import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check the stack the template rendered into infra/stack-config.json',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'aws:stack:validate',
          name: 'Synthesize, cdk-nag, cfn-lint',
          input: { configPath: 'infra/stack-config.json' },
        },
      ],
    }),
  },
];
