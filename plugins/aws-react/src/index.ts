/**
 * Shared page pieces of the AWS portal plugins.
 *
 * @packageDocumentation
 */
export { formatAge } from './age';
export { DemoDataNotice } from './components/DemoDataNotice';
export { DataFreshness, type AccountRegionFreshness } from './components/DataFreshness';
export { EntityHeaderStatusBlueprint, PORTAL_ENTITY_HEADER_ID } from './entityHeaderStatus';
export { AwsPortalClient, awsPortalClientApi, type AwsPortalClientDeps } from './awsRequests';
export { NamedTable, CellCaption, WrappingTextCell, type NamedTableProps } from './components/NamedTable';
export { FleetFilterBar, StateCountCards } from './components/FleetControls';
export { StatusBadge, type StatusTone } from './components/StatusBadge';
export { Figure, FleetPageBody, Hint, Section, TextList, TitledCard } from './components/Layout';
export { RefreshButton, useItemRefresh } from './components/Refresh';
