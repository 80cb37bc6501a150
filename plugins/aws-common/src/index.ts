/**
 * Annotation scheme and shared types of the AWS portal plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './arn';
export * from './collection';
export * from './duration';
export * from './entityContext';
export * from './region';
export * from './resourceMatch';
