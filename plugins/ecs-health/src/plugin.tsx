import { PageBlueprint, createFrontendPlugin, createRouteRef } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { awsPortalClientApi } from '@internal/plugin-aws-react';
import { RiHeartPulseLine } from '@remixicon/react';
import { EcsHealthClient, ecsHealthApiRef } from './api/EcsHealthApi';

/** The fleet page; a route ref is what puts a page in the sidebar. */
const fleetRouteRef = createRouteRef();

const ecsHealthApi = awsPortalClientApi(ecsHealthApiRef, EcsHealthClient);

export const fleetHealthPage = PageBlueprint.make({
  params: {
    path: '/ecs-health',
    routeRef: fleetRouteRef,
    title: 'Service health',
    icon: <RiHeartPulseLine size="1em" />,
    loader: () =>
      import('./components/FleetHealthPage').then(m => <m.FleetHealthPage />),
  },
});

export const entityHealthContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: 'ecs-health',
    title: 'Health',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityHealthContent').then(m => (
        <m.EntityHealthContent />
      )),
  },
});

/**
 * ECS service health: a fleet page and a Health tab on Components.
 *
 * @public
 */
export const ecsHealthPlugin = createFrontendPlugin({
  pluginId: 'ecs-health',
  title: 'Service health',
  icon: <RiHeartPulseLine size="1em" />,
  routes: { fleet: fleetRouteRef },
  extensions: [ecsHealthApi, fleetHealthPage, entityHealthContent],
});
