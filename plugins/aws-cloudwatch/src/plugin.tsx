import { PageBlueprint, createFrontendPlugin, createRouteRef } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { awsPortalClientApi } from '@internal/plugin-aws-react';
import { RiAlarmWarningLine } from '@remixicon/react';
import { AwsCloudWatchClient, awsCloudWatchApiRef } from './api/AwsCloudWatchApi';

const alarmsRouteRef = createRouteRef();

const cloudWatchApi = awsPortalClientApi(awsCloudWatchApiRef, AwsCloudWatchClient);

export const fleetAlarmsPage = PageBlueprint.make({
  params: {
    path: '/aws-alarms',
    routeRef: alarmsRouteRef,
    title: 'Alarms',
    icon: <RiAlarmWarningLine size="1em" />,
    loader: () => import('./components/FleetAlarmsPage').then(m => <m.FleetAlarmsPage />),
  },
});

const entityAlarmsContent = EntityContentBlueprint.make({
  name: 'alarms',
  params: {
    path: 'aws-alarms',
    title: 'Alarms',
    filter: { kind: { $in: ['component', 'resource'] } },
    loader: () => import('./components/EntityAlarmsContent').then(m => <m.EntityAlarmsContent />),
  },
});

const entityMetricsContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: 'aws-metrics',
    title: 'Metrics',
    filter: { kind: { $in: ['component', 'resource'] } },
    loader: () => import('./components/EntityMetricsContent').then(m => <m.EntityMetricsContent />),
  },
});

/**
 * CloudWatch: the fleet's alarms page, and Alarms and Metrics tabs on
 * components and resources.
 *
 * @public
 */
export const awsCloudWatchPlugin = createFrontendPlugin({
  pluginId: 'aws-cloudwatch',
  title: 'Alarms',
  icon: <RiAlarmWarningLine size="1em" />,
  routes: { alarms: alarmsRouteRef },
  extensions: [cloudWatchApi, fleetAlarmsPage, entityAlarmsContent, entityMetricsContent],
});
