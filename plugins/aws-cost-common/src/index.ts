/**
 * Types and the read permission shared by the cost plugins.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
export * from './costCenters';
