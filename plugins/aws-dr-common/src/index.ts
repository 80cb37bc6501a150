/**
 * Disaster-recovery facts, the rules that assess them against an entity's
 * RPO and RTO, and their sentences: shared by the DR source and its pages.
 *
 * @packageDocumentation
 */
export * from './rules';
export * from './types';
