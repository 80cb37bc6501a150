import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Deploy the rendered stack through a CloudFormation change set',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'aws:stack:deploy',
          name: 'Deploy',
          input: { configPath: 'infra/stack-config.json' },
        },
      ],
    }),
  },
];
