/**
 * Types and health rules shared by the ECS health plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './health';
export * from './consoleLinks';
