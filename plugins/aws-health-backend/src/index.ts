/**
 * ECS service health backend.
 *
 * @packageDocumentation
 */
export { awsHealthPlugin as default } from './plugin';
