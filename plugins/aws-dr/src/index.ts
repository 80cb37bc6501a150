/**
 * Disaster-recovery pages of the AWS portal: the fleet DR page by system,
 * and a DR tab on systems, components and resources.
 *
 * @packageDocumentation
 */
export { awsDrPlugin as default } from './plugin';
export { type AwsDrApi, AwsDrClient, awsDrApiRef } from './api/AwsDrApi';
