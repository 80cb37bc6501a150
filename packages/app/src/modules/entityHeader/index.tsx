import { coreExtensionData, createExtensionInput, createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { EntityContextMenuItemBlueprint, EntityHeaderLayoutBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { EntityHeaderStatusBlueprint, PORTAL_ENTITY_HEADER_ID } from '@internal/plugin-aws-react';

const menuItemsInput = { id: PORTAL_ENTITY_HEADER_ID, input: 'contextMenuItems' };

/**
 * The portal's entity header in place of the catalog's: the same title,
 * tags, metadata and menu, plus the statuses plugins attach
 * (`EntityHeaderStatusBlueprint`), such as the DR verdict.
 */
const portalEntityHeader = EntityHeaderLayoutBlueprint.makeWithOverrides({
  name: 'portal',
  inputs: {
    statuses: createExtensionInput([
      EntityHeaderStatusBlueprint.dataRefs.label,
      coreExtensionData.reactElement,
      EntityHeaderStatusBlueprint.dataRefs.filter.optional(),
    ]),
    contextMenuItems: createExtensionInput([
      EntityContextMenuItemBlueprint.dataRefs.data,
      EntityContextMenuItemBlueprint.dataRefs.filterFunction.optional(),
    ]),
  },
  factory(originalFactory, { inputs }) {
    const statuses = inputs.statuses.map(status => ({
      id: status.node.spec.id,
      label: status.get(EntityHeaderStatusBlueprint.dataRefs.label),
      element: status.get(coreExtensionData.reactElement),
      filter: status.get(EntityHeaderStatusBlueprint.dataRefs.filter) ?? (() => true),
    }));
    const menuItems = inputs.contextMenuItems.map(item => ({
      node: item.node,
      data: item.get(EntityContextMenuItemBlueprint.dataRefs.data),
      filter: item.get(EntityContextMenuItemBlueprint.dataRefs.filterFunction) ?? (() => true),
    }));
    return originalFactory({
      loader: async () => {
        const { EntityPortalHeader } = await import('./EntityPortalHeader');
        return props => <EntityPortalHeader {...props} statuses={statuses} menuItems={menuItems} />;
      },
    });
  },
});

/**
 * The entity header of the portal. The catalog's own context-menu items
 * (copy URL, inspect, unregister) move with it; a plugin that adds one
 * attaches it to `contextMenuItems` of `entity-header-layout:catalog/portal`.
 */
export const entityHeaderModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    portalEntityHeader,
    catalogPlugin.getExtension('entity-context-menu-item:catalog/copy-entity-url').override({ attachTo: menuItemsInput }),
    catalogPlugin.getExtension('entity-context-menu-item:catalog/inspect-entity').override({ attachTo: menuItemsInput }),
    catalogPlugin.getExtension('entity-context-menu-item:catalog/unregister-entity').override({ attachTo: menuItemsInput }),
  ],
});
