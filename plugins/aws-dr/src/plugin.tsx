import { PageBlueprint, createFrontendPlugin, createRouteRef } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { readAwsEntityContext } from '@internal/plugin-aws-common';
import { awsPortalClientApi, EntityHeaderStatusBlueprint } from '@internal/plugin-aws-react';
import { RiHistoryLine } from '@remixicon/react';
import { AwsDrClient, awsDrApiRef } from './api/AwsDrApi';

const drRouteRef = createRouteRef();

const drApi = awsPortalClientApi(awsDrApiRef, AwsDrClient);

export const fleetDrPage = PageBlueprint.make({
  params: {
    path: '/aws-dr',
    routeRef: drRouteRef,
    title: 'Disaster recovery',
    icon: <RiHistoryLine size="1em" />,
    loader: () => import('./components/FleetDrPage').then(m => <m.FleetDrPage />),
  },
});

const DR_KINDS = ['system', 'component', 'resource'];

const entityDrContent = EntityContentBlueprint.make({
  name: 'dr',
  params: {
    path: 'aws-dr',
    title: 'DR',
    filter: { kind: { $in: DR_KINDS } },
    loader: () => import('./components/EntityDrContent').then(m => <m.EntityDrContent />),
  },
});

/** The verdict in the entity header, for entities that state recovery targets. */
const entityDrStatus = EntityHeaderStatusBlueprint.make({
  name: 'dr',
  params: {
    label: 'Disaster recovery',
    filter: entity => {
      if (!DR_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) return false;
      const read = readAwsEntityContext(entity);
      return read.ok && read.context.recovery !== undefined;
    },
    loader: () => import('./components/EntityDrStatus').then(m => <m.EntityDrStatus />),
  },
});

/**
 * Disaster recovery: the fleet page by system, a DR tab on systems,
 * components and resources, and their verdict in the entity header.
 *
 * @public
 */
export const awsDrPlugin = createFrontendPlugin({
  pluginId: 'aws-dr',
  title: 'Disaster recovery',
  icon: <RiHistoryLine size="1em" />,
  routes: { dr: drRouteRef },
  extensions: [drApi, fleetDrPage, entityDrContent, entityDrStatus],
});
