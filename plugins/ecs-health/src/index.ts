/**
 * ECS service health pages.
 *
 * @packageDocumentation
 */
export { ecsHealthPlugin as default } from './plugin';
export {
  type EcsHealthApi,
  EcsHealthClient,
  ecsHealthApiRef,
} from './api/EcsHealthApi';
