import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Register the repository publish:github created',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'aws:catalog:register',
          name: 'Register in the catalog',
          input: {
            repoContentsUrl: 'https://github.com/example-org/crm-core-service/blob/main',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
