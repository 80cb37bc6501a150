import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
Everything here is read from AWS (or, without credentials, from the built-in
demo account) and says how old it is.

- **[Service health](/ecs-health)**: every ECS service's tasks, deployments
  and events; a **Health** tab on each component.
- **[Alarms](/aws-alarms)**: CloudWatch alarms across accounts and
  Regions, firing first; an **Alarms** tab on each entity.
- **[Cost](/aws-cost)**: spend by the CostCenter tag, the month's forecast,
  the top services.
- **[Disaster recovery](/aws-dr)**: backups against each system's RPO,
  Multi-AZ, copies and standbys in the DR Region.
- **[Create](/create)**: golden paths that stamp out a platform
  environment, a Fargate service, an RDS database, a Redis cache or an MSK
  cluster as a repository that passes cdk-nag, cfn-lint and checkov, priced
  and registered in the [catalog](/catalog).
`;

const portalWidget = HomePageWidgetBlueprint.make({
  name: 'portal',
  params: {
    name: 'Portal',
    title: 'What the portal shows',
    description: 'Where to find service health, alarms, cost, disaster recovery and the golden paths',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [portalWidget],
});
