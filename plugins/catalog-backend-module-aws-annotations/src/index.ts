/**
 * Catalog module that validates the AWS portal annotations.
 *
 * @packageDocumentation
 */
export { catalogModuleAwsAnnotations as default } from './module';
export { AwsAnnotationsProcessor, type AwsAnnotationsProcessorOptions } from './AwsAnnotationsProcessor';
