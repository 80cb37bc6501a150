import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AwsClientFactory } from './clients';

/**
 * The one AWS client factory of a backend: credentials per account from
 * `aws` (integration-aws-node), adaptive retry, the portal's user agent, the
 * emulator endpoint when `awsPortal.endpoint` is set, and one call counter
 * for the whole process. Root-scoped, so every plugin shares its clients.
 *
 * @public
 */
export const awsClientFactoryServiceRef = createServiceRef<AwsClientFactory>({
  id: 'aws.client-factory',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => AwsClientFactory.fromConfig(config),
    }),
});
