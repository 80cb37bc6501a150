/**
 * CloudWatch pages of the AWS portal: the fleet's alarms, and Alarms and
 * Metrics tabs on components and resources.
 *
 * @packageDocumentation
 */
export { awsCloudWatchPlugin as default } from './plugin';
export {
  type AwsCloudWatchApi,
  AwsCloudWatchClient,
  awsCloudWatchApiRef,
} from './api/AwsCloudWatchApi';
