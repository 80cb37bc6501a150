import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Render a Redis cache repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'aws:stack:render',
          name: 'Render the repository',
          input: {
            values: {
              name: 'crm-redis',
              description: 'Sessions and cache of the CRM',
              owner: 'group:default/team-crm',
              entityKind: 'Resource',
              entityType: 'cache',
              environment: 'production',
              account: '111111111111',
              region: 'us-east-1',
              project: 'CRM-System',
              component: 'cache',
              costCenter: 'finance-consulting',
              platformEnvironment: 'resource:default/crm-production',
            },
            stackConfig: {
              kind: 'redis-cache',
              stackName: 'crm-redis-production',
              account: '111111111111',
              region: 'us-east-1',
              environment: 'production',
              environmentName: 'crm-production',
              tags: {
                project: 'CRM-System',
                component: 'cache',
                owner: 'group:default/team-crm',
                costCenter: 'finance-consulting',
                entityRef: 'resource:default/crm-redis',
              },
              cache: { name: 'crm-redis', engineVersion: '7.0', nodeType: 'cache.r6g.large', replicas: 2 },
            },
          },
        },
      ],
    }),
  },
];
