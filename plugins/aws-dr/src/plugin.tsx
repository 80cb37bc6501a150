import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import RestoreIcon from '@mui/icons-material/Restore';
import { AwsDrClient, awsDrApiRef } from './api/AwsDrApi';

const drRouteRef = createRouteRef();

const drApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsDrApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AwsDrClient(deps),
    }),
});

const fleetDrPage = PageBlueprint.make({
  params: {
    path: '/aws-dr',
    routeRef: drRouteRef,
    title: 'Disaster recovery',
    icon: <RestoreIcon fontSize="inherit" />,
    loader: () => import('./components/FleetDrPage').then(m => <m.FleetDrPage />),
  },
});

const entityDrContent = EntityContentBlueprint.make({
  name: 'dr',
  params: {
    path: 'aws-dr',
    title: 'DR',
    filter: { kind: { $in: ['system', 'component', 'resource'] } },
    loader: () => import('./components/EntityDrContent').then(m => <m.EntityDrContent />),
  },
});

/**
 * Disaster recovery: the fleet page by system, and a DR tab on systems,
 * components and resources.
 *
 * @public
 */
export const awsDrPlugin = createFrontendPlugin({
  pluginId: 'aws-dr',
  title: 'Disaster recovery',
  icon: <RestoreIcon fontSize="inherit" />,
  routes: { dr: drRouteRef },
  extensions: [drApi, fleetDrPage, entityDrContent],
});
