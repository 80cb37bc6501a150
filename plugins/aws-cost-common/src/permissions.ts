import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading an entity's AWS cost. The portal's policy allows it to the
 * entity's owners (catalog ownership) and to the finance groups it is
 * configured with; the cost pages show only what it allows.
 *
 * @public
 */
export const awsCostReadPermission = createPermission({
  name: 'aws.cost.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});
