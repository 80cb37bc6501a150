/**
 * Scaffolder actions of the AWS golden paths.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAwsStacks as default } from './module';
export { createRenderStackAction } from './actions/renderStack';
export { createValidateStackAction } from './actions/validateStack';
export { createEstimateCostAction } from './actions/estimateCost';
export { createPublishLocalAction } from './actions/publishLocal';
export { createRegisterRepositoryAction } from './actions/registerRepository';
export { createDeployStackAction } from './actions/deployStack';
