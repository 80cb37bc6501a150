/**
 * Backend library of the AWS portal plugins: accounts and credentials, the
 * client factory service, the collector contract of the collection pipeline,
 * the resource locator and the demo account.
 *
 * @packageDocumentation
 */
export * from './clientFactoryService';
export * from './clients';
export * from './cloudWatch';
export * from './collectionErrorSentence';
export * from './collector';
export * from './config';
export * from './demo';
export * from './locator';
export * from './portalPermissions';
