import { type Entity, RELATION_OWNED_BY, RELATION_PART_OF } from '@backstage/catalog-model';
import { ExtensionBoundary, type AppNode } from '@backstage/frontend-plugin-api';
import {
  EntityRefLinks,
  entityRouteRef,
  getEntityRelations,
  useAsyncEntity,
  useEntityPresentation,
  useStarredEntity,
} from '@backstage/plugin-catalog-react';
import type { EntityContextMenuItemData, EntityHeaderLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import { ButtonIcon, Header, type HeaderMetadataItem, Menu, MenuItem, MenuTrigger } from '@backstage/ui';
import { RiMore2Line, RiStarFill, RiStarLine } from '@remixicon/react';
import type { ReactElement } from 'react';

/** A status contributed to the header by a plugin (EntityHeaderStatusBlueprint). */
export type HeaderStatus = { id: string; label: string; element: ReactElement; filter: (entity: Entity) => boolean };

/** A context-menu item moved from the catalog's header to this one. */
export type HeaderMenuItem = { node: AppNode; data: EntityContextMenuItemData; filter: (entity: Entity) => boolean };

/**
 * The portal's entity header: what the catalog's header shows (title, kind
 * and type, lifecycle, owner, system, favourite, context menu) and, beside
 * lifecycle and owner, the statuses plugins contribute, such as the
 * disaster-recovery verdict.
 */
export function EntityPortalHeader(props: EntityHeaderLayoutProps & { statuses: HeaderStatus[]; menuItems: HeaderMenuItem[] }) {
  const { entity } = useAsyncEntity();
  const routeParams = useRouteRefParams(entityRouteRef);
  const presentation = useEntityPresentation(entity ?? routeParams);
  const type = entity?.spec?.type?.toString();
  return (
    <Header
      title={presentation.primaryTitle}
      tags={[{ label: entity?.kind ?? routeParams.kind }, ...(type ? [{ label: type }] : [])]}
      metadata={entity ? metadata(entity, props.statuses) : []}
      tabs={entity ? props.tabs : undefined}
      activeTabId={props.activeTabId}
      customActions={
        entity ? (
          <>
            <FavouriteButton entity={entity} />
            <ContextMenu items={props.menuItems.filter(item => item.filter(entity))} />
          </>
        ) : undefined
      }
    />
  );
}

function metadata(entity: Entity, statuses: HeaderStatus[]): HeaderMetadataItem[] {
  const items: HeaderMetadataItem[] = [];
  const lifecycle = entity.spec?.lifecycle?.toString();
  if (lifecycle) items.push({ label: 'Lifecycle', value: lifecycle });
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  if (owners.length) items.push({ label: 'Owner', value: <EntityRefLinks entityRefs={owners} defaultKind="group" /> });
  const partOf = getEntityRelations(entity, RELATION_PART_OF);
  const systems = partOf.filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'system');
  const others = partOf.filter(ref => ref.kind.toLocaleLowerCase('en-US') !== 'system');
  if (systems.length) items.push({ label: 'System', value: <EntityRefLinks entityRefs={systems} defaultKind="system" /> });
  if (others.length) items.push({ label: 'Part of', value: <EntityRefLinks entityRefs={others} /> });
  for (const status of statuses) {
    if (status.filter(entity)) items.push({ label: status.label, value: status.element });
  }
  return items;
}

function FavouriteButton(props: { entity: Entity }) {
  const { isStarredEntity, toggleStarredEntity } = useStarredEntity(props.entity);
  return (
    <ButtonIcon
      variant="secondary"
      aria-label={isStarredEntity ? 'Remove from favorites' : 'Add to favorites'}
      icon={isStarredEntity ? <RiStarFill /> : <RiStarLine />}
      onPress={() => toggleStarredEntity()}
    />
  );
}

function ContextMenu(props: { items: HeaderMenuItem[] }) {
  if (!props.items.length) return null;
  return (
    <MenuTrigger>
      <ButtonIcon variant="secondary" icon={<RiMore2Line />} aria-label="More actions" />
      <Menu placement="bottom end">
        {props.items.map(item => (
          <ExtensionBoundary key={item.node.spec.id} node={item.node} errorPresentation="error-api">
            <ContextMenuEntry data={item.data} />
          </ExtensionBoundary>
        ))}
      </Menu>
    </MenuTrigger>
  );
}

function ContextMenuEntry(props: { data: EntityContextMenuItemData }) {
  const { title, disabled, onClick, ...rest } = props.data.useProps() as ReturnType<EntityContextMenuItemData['useProps']> & {
    onClick?: () => void | Promise<void>;
  };
  const onAction = onClick ? () => void Promise.resolve(onClick()).catch(() => undefined) : undefined;
  const href = 'href' in rest ? (rest.href as string) : undefined;
  return (
    <MenuItem iconStart={props.data.icon} href={href} onAction={onAction} isDisabled={disabled}>
      {title}
    </MenuItem>
  );
}
