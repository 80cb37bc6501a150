/**
 * Types and rules shared by the CloudWatch alarm and metric plugins.
 *
 * @packageDocumentation
 */
export * from './alarms';
export * from './metrics';
export * from './consoleLinks';
