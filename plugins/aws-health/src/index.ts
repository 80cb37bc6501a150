/**
 * ECS service health pages.
 *
 * @packageDocumentation
 */
export { awsHealthPlugin as default } from './plugin';
export {
  type AwsHealthApi,
  AwsHealthClient,
  awsHealthApiRef,
} from './api/AwsHealthApi';
