/**
 * Spend by CostCenter tag from Cost Explorer: a source of the AWS
 * collection pipeline.
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { COST_METRICS, type CostMetric, readCostCenterHolders } from '@internal/plugin-aws-cost-common';
import { awsCollectorsExtensionPoint } from '@internal/plugin-aws-node';
import { createCostCollector } from './costCollector';

export { createCostCollector } from './costCollector';

/**
 * Adds the `cost` source. Configuration: `awsPortal.cost.payerAccountId`
 * (the account whose Cost Explorer sees the organisation; the first watched
 * account when absent), `awsPortal.cost.metric` (`UnblendedCost`,
 * `AmortizedCost` or `NetAmortizedCost`) and `awsPortal.cost.costCenters`
 * (who holds each cost center).
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'aws',
  moduleId: 'cost',
  register(env) {
    env.registerInit({
      deps: { collectors: awsCollectorsExtensionPoint, config: coreServices.rootConfig },
      async init({ collectors, config }) {
        const metric = config.getOptionalString('awsPortal.cost.metric') ?? 'UnblendedCost';
        if (!COST_METRICS.includes(metric as CostMetric)) {
          throw new Error(
            `awsPortal.cost.metric must be one of ${COST_METRICS.join(', ')}, not "${metric}".`,
          );
        }
        collectors.addCollector(
          createCostCollector({
            payerAccountId: config.getOptionalString('awsPortal.cost.payerAccountId'),
            metric: metric as CostMetric,
            costCenters: readCostCenterHolders(config),
          }),
        );
      },
    });
  },
});
