/**
 * Backend library of the AWS portal plugins.
 *
 * @packageDocumentation
 */
export * from './clients';
export * from './config';
export * from './demo';
export * from './locator';
