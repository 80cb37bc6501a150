/**
 * Shared page pieces of the AWS portal plugins.
 *
 * @packageDocumentation
 */
export { formatAge } from './age';
export { DemoDataNotice } from './components/DemoDataNotice';
export { DataFreshness, type TargetFreshness } from './components/DataFreshness';
