/**
 * Catalog module for entities read from local files: file locations on the
 * local portal, and placeholders relative to such entities.
 *
 * @packageDocumentation
 */
export { catalogModuleLocalFiles as default } from './module';
export { placeholderResolver, type PlaceholderKind } from './placeholders';
