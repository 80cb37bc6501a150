/**
 * ECS service health: a source of the AWS collection pipeline.
 *
 * @packageDocumentation
 */
import { createAwsCollectorModule } from '@internal/plugin-aws-node';
import { ecsHealthCollector } from './ecsHealthCollector';

export { ecsHealthCollector } from './ecsHealthCollector';

/** @public */
export default createAwsCollectorModule(ecsHealthCollector);
