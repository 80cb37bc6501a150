import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publish the workspace as a local git repository and register it',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:local',
          name: 'Publish locally',
          input: { name: 'crm-core-service', catalogInfoPath: 'catalog-info.yaml' },
        },
      ],
    }),
  },
];
