import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check, before rendering, that the user may stamp this golden path into the chosen environment',
    example: yaml.stringify({
      steps: [
        {
          id: 'authorize',
          action: 'aws:stack:authorize',
          name: 'Check who may stamp it',
          input: {
            kind: 'redis-cache',
            environment: 'production',
            environmentName: 'crm-production',
          },
        },
      ],
    }),
  },
];
