/** The portal's name (`app.title`) in the open sidebar, its initials in the closed one. */
export const PortalLogo = ({ title, open }: { title: string; open: boolean }) => {
  const initials = title
    .split(/\s+/)
    .map(word => word[0])
    .join('')
    .slice(0, 3)
    .toUpperCase();
  return (
    <span
      style={{
        color: '#7df3e1',
        fontWeight: 700,
        fontSize: open ? 20 : 16,
        lineHeight: 1.15,
        display: 'block',
        whiteSpace: open ? 'normal' : 'nowrap',
      }}
    >
      {open ? title : initials}
    </span>
  );
};
