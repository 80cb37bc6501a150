/**
 * The platform's standards as AWS CDK constructs.
 *
 * @packageDocumentation
 */
export * from './profiles';
export * from './engineVersions';
export * from './tags';
export * from './nag';
export * from './PlatformNetwork';
export { fargateSizeProblem } from './fargateSizes';
export { givenTwice, nameGivenTwice, nameValueRecord } from './nameValueRecord';
export * from './FargateService';
export * from './RdsDatabase';
export * from './RdsCrossRegionReplica';
export * from './RedisCache';
export * from './MskCluster';
export * from './MskReplicator';
export * from './platformStack';
export * from './kinds';
export { cfnLintErrors, cfnLintErrorsAsync } from './cfnLint';
export { checkovFailures, checkovFailuresOfMany } from './checkov';
export { taggableResourceTypes, untaggedResources } from './cfnTags';
export * from './prices';
export * from './estimate';
export * from './nagReport';
export * from './PlatformEnvironment';
export * from './fieldRules';
export { arnIn, partitionOf } from './arns';
