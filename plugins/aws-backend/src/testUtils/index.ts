/**
 * Tools for the sources' benchmark scripts: serve sources the way the plugin
 * does and load their endpoints with concurrent clients.
 *
 * @packageDocumentation
 */
export * from './benchmark';
export * from './permissionTestServices';
