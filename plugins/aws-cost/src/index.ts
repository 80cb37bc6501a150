/**
 * Cost pages of the AWS portal: spend by CostCenter tag, and a Cost tab on
 * systems, components and groups.
 *
 * @packageDocumentation
 */
export { awsCostPlugin as default } from './plugin';
export { type AwsCostApi, AwsCostClient, awsCostApiRef } from './api/AwsCostApi';
