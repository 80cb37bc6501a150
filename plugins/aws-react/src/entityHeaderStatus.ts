import type { Entity } from '@backstage/catalog-model';
import { type FilterPredicate, filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import {
  ExtensionBoundary,
  coreExtensionData,
  createExtensionBlueprint,
  createExtensionDataRef,
} from '@backstage/frontend-plugin-api';

/**
 * The id of the portal's entity header (an `entity-header-layout` the app
 * installs in place of the catalog's). Statuses attach to its `statuses` input.
 *
 * @public
 */
export const PORTAL_ENTITY_HEADER_ID = 'entity-header-layout:catalog/portal';

const labelDataRef = createExtensionDataRef<string>().with({ id: 'aws.entity-header-status.label' });
const filterDataRef = createExtensionDataRef<(entity: Entity) => boolean>().with({
  id: 'aws.entity-header-status.filter',
});

/**
 * A status in the entity header, next to lifecycle and owner: a label
 * ("Disaster recovery") and a small element the plugin renders for the
 * entity in context (its verdict, linked to the tab that explains it).
 *
 * @public
 */
export const EntityHeaderStatusBlueprint = createExtensionBlueprint({
  kind: 'entity-header-status',
  attachTo: { id: PORTAL_ENTITY_HEADER_ID, input: 'statuses' },
  output: [labelDataRef, coreExtensionData.reactElement, filterDataRef.optional()],
  dataRefs: { label: labelDataRef, filter: filterDataRef },
  *factory(
    params: {
      label: string;
      loader: () => Promise<JSX.Element>;
      filter?: FilterPredicate | ((entity: Entity) => boolean);
    },
    { node },
  ) {
    yield labelDataRef(params.label);
    yield coreExtensionData.reactElement(ExtensionBoundary.lazy(node, params.loader));
    if (typeof params.filter === 'function') {
      yield filterDataRef(params.filter);
    } else if (params.filter) {
      yield filterDataRef(filterPredicateToFilterFunction(params.filter));
    }
  },
});
