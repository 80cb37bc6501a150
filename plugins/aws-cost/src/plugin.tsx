import { PageBlueprint, createFrontendPlugin, createRouteRef } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { awsPortalClientApi } from '@internal/plugin-aws-react';
import { RiMoneyDollarCircleLine } from '@remixicon/react';
import { AwsCostClient, awsCostApiRef } from './api/AwsCostApi';

const costRouteRef = createRouteRef();

const costApi = awsPortalClientApi(awsCostApiRef, AwsCostClient);

export const costPage = PageBlueprint.make({
  params: {
    path: '/aws-cost',
    routeRef: costRouteRef,
    title: 'Cost',
    icon: <RiMoneyDollarCircleLine size="1em" />,
    loader: () => import('./components/CostPage').then(m => <m.CostPage />),
  },
});

const entityCostContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: 'aws-cost',
    title: 'Cost',
    filter: { kind: { $in: ['system', 'component', 'group'] } },
    loader: () => import('./components/EntityCostContent').then(m => <m.EntityCostContent />),
  },
});

/**
 * Cost by CostCenter tag: the Cost page, and a Cost tab on systems,
 * components and groups.
 *
 * @public
 */
export const awsCostPlugin = createFrontendPlugin({
  pluginId: 'aws-cost',
  title: 'Cost',
  icon: <RiMoneyDollarCircleLine size="1em" />,
  routes: { cost: costRouteRef },
  extensions: [costApi, costPage, entityCostContent],
});
