/**
 * Disaster-recovery status as a source of the AWS collection pipeline
 * (`dr`): the recovery facts of data stores and ECS services, assessed against each entity's
 * `aws.portal/rpo`, `rto` and `dr-region`.
 *
 * @packageDocumentation
 */
import { createAwsCollectorModule } from '@internal/plugin-aws-node';
import { createDrCollector } from './drCollector';

export { createDrCollector } from './drCollector';

/**
 * Adds the `dr` source to the AWS collection plugin.
 *
 * @public
 */
export default createAwsCollectorModule(createDrCollector());
