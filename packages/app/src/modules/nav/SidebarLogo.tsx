import { Link, sidebarConfig, useSidebarOpenState } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { PortalLogo } from './PortalLogo';

export const SidebarLogo = () => {
  const { isOpen } = useSidebarOpenState();
  const title = useApi(configApiRef).getOptionalString('app.title') ?? 'Developer portal';
  return (
    <div
      style={{
        width: sidebarConfig.drawerWidthClosed,
        height: 3 * sidebarConfig.logoHeight,
        display: 'flex',
        flexFlow: 'row nowrap',
        alignItems: 'center',
        marginBottom: '-14px',
      }}
    >
      <Link to="/" underline="none" aria-label={`${title}: home`} style={{ marginLeft: 24, width: isOpen ? sidebarConfig.drawerWidthOpen - 48 : undefined }}>
        <PortalLogo title={title} open={isOpen} />
      </Link>
    </div>
  );
};
