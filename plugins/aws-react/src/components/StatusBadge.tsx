import { Text } from '@backstage/ui';

/**
 * A state's colour: Backstage UI's status colours, or none.
 *
 * @public
 */
export type StatusTone = 'danger' | 'warning' | 'success' | 'info' | 'neutral';

/** Backstage UI's intent tokens (`--bui-<intent>-bg-subdued`, …) per tone. */
const INTENT: Record<StatusTone, string | undefined> = {
  danger: 'negative',
  warning: 'warning',
  success: 'positive',
  info: 'announcement',
  neutral: undefined,
};

/**
 * A state as a small coloured label ("In alarm", "Breached"): Backstage UI's
 * `Tag` and `Badge` carry no colour, and a state must be told apart at a
 * glance. The colour repeats the words, so nothing depends on seeing it.
 *
 * @public
 */
export function StatusBadge(props: { tone: StatusTone; children: string; outlined?: boolean; 'data-verdict'?: string }) {
  const { tone, children, outlined, ...rest } = props;
  const intent = INTENT[tone];
  return (
    <Text
      as="span"
      variant="body-x-small"
      weight="bold"
      color={intent ? undefined : 'secondary'}
      {...rest}
      style={{
        display: 'inline-block',
        whiteSpace: 'nowrap',
        padding: '1px var(--bui-space-2)',
        borderRadius: 'var(--bui-radius-full)',
        border: `1px solid ${intent ? `var(--bui-${intent}-border)` : 'var(--bui-border-2)'}`,
        color: intent ? `var(--bui-${intent}-fg-subdued)` : undefined,
        background: intent && !outlined ? `var(--bui-${intent}-bg-subdued)` : 'transparent',
      }}
    >
      {children}
    </Text>
  );
}
