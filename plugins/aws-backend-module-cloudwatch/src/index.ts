/**
 * CloudWatch as sources of the AWS collection pipeline: alarms (`alarms`)
 * and the key metrics of the fleet's resources (`metrics`).
 *
 * @packageDocumentation
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { awsCollectorsExtensionPoint } from '@internal/plugin-aws-node';
import { createAlarmsCollector } from './alarms/alarmsCollector';
import { createMetricsCollector } from './metrics/metricsCollector';

export { createAlarmsCollector } from './alarms/alarmsCollector';
export { createMetricsCollector } from './metrics/metricsCollector';

/**
 * Adds the `alarms` and `metrics` sources to the AWS collection plugin.
 * `awsPortal.alarms.quietChartMaxAgeMinutes` sets how long the chart of an
 * alarm that has been OK for hours is kept before it is read again (60).
 *
 * @public
 */
export default createBackendModule({
  pluginId: 'aws',
  moduleId: 'cloudwatch',
  register(env) {
    env.registerInit({
      deps: { collectors: awsCollectorsExtensionPoint, config: coreServices.rootConfig },
      async init({ collectors, config }) {
        const minutes = config.getOptionalNumber('awsPortal.alarms.quietChartMaxAgeMinutes');
        collectors.addCollector(
          createAlarmsCollector({
            quietChartMaxAgeMs: minutes !== undefined ? minutes * 60_000 : undefined,
          }),
        );
        collectors.addCollector(createMetricsCollector());
      },
    });
  },
});
