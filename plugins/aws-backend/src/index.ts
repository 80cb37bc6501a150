/**
 * The AWS collection pipeline: one runner for every AWS data source.
 *
 * @packageDocumentation
 */
export { awsPlugin as default } from './plugin';
export { CollectionStore } from './store/CollectionStore';
export { EntityDirectory } from './service/EntityDirectory';
export { KnownResources } from './service/KnownResources';
export { RefreshLimiter, type RefreshLimits, readRefreshLimits, TooManyRequestsError } from './service/RefreshLimiter';
export { createRouter } from './service/router';
export { SourceRuntime, type SourceRuntimeOptions } from './service/SourceRuntime';
