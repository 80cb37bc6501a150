import { Content, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import type { ReactNode } from 'react';

/**
 * A card with a title line (the title, then anything beside it such as a
 * state), a quieter line under it, actions on the right, and its body.
 *
 * @public
 */
export function TitledCard(props: {
  title: ReactNode;
  /** Beside the title: a state badge, a severity. */
  adornment?: ReactNode;
  subtitle?: string;
  actions?: ReactNode;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <Card data-testid={props['data-testid']}>
      <CardHeader>
        <Flex justify="between" align="start" gap="3">
          <Flex direction="column" gap="1">
            <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
              <Text as="h3" variant="title-x-small" weight="bold">
                {props.title}
              </Text>
              {props.adornment}
            </Flex>
            {props.subtitle && (
              <Text as="p" variant="body-small" color="secondary">
                {props.subtitle}
              </Text>
            )}
          </Flex>
          {props.actions && (
            <Flex gap="2" shrink={false}>
              {props.actions}
            </Flex>
          )}
        </Flex>
      </CardHeader>
      {props.children !== undefined && <CardBody>{props.children}</CardBody>}
    </Card>
  );
}

/**
 * A titled part of a page or card: a small heading over its content.
 *
 * @public
 */
export function Section(props: { title: string; children: ReactNode; level?: 'h2' | 'h3' | 'h4' }) {
  return (
    <Flex direction="column" gap="2">
      <Text as={props.level ?? 'h4'} variant={props.level === 'h2' ? 'title-small' : 'body-medium'} weight="bold">
        {props.title}
      </Text>
      {props.children}
    </Flex>
  );
}

/**
 * One figure: what it is, its value large, and a hint under it. The value
 * carries `data-testid` "figure-<label>" unless given another.
 *
 * @public
 */
export function Figure(props: { label: string; value: ReactNode; hint?: string; testId?: string }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="p" variant="body-small" color="secondary" style={{ textTransform: 'uppercase', letterSpacing: '0.04em' }}>
        {props.label}
      </Text>
      <Text as="p" variant="title-small" data-testid={props.testId ?? `figure-${props.label}`}>
        {props.value}
      </Text>
      {props.hint && (
        <Text as="p" variant="body-small" color="secondary">
          {props.hint}
        </Text>
      )}
    </Flex>
  );
}

/**
 * A quiet sentence: what is missing or why nothing is shown.
 *
 * @public
 */
export function Hint(props: { children: ReactNode }) {
  return (
    <Text as="p" variant="body-medium" color="secondary">
      {props.children}
    </Text>
  );
}

/**
 * A read-only list of entries, each a line and a quieter line under it
 * (events, stopped tasks, state changes). Backstage UI's `List` is an
 * interactive grid of rows to select; this is a plain list a screen reader
 * announces as one.
 *
 * @public
 */
export function TextList(props: {
  label?: string;
  items: Array<{ key: string; primary: ReactNode; secondary?: ReactNode }>;
}) {
  return (
    <ul aria-label={props.label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 'var(--bui-space-2)' }}>
      {props.items.map(item => (
        <li key={item.key}>
          <Text as="div" variant="body-medium">
            {item.primary}
          </Text>
          {item.secondary !== undefined && item.secondary !== '' && (
            <Text as="div" variant="body-small" color="secondary">
              {item.secondary}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A fleet page's content under the header the app's page layout draws: what
 * the page covers in a sentence, then a progress bar, the error or the page.
 *
 * @public
 */
export function FleetPageBody(props: {
  subtitle: string;
  loading: boolean;
  error?: Error;
  /** How a failure is shown; Backstage's error panel when not given. */
  renderError?: (error: Error) => ReactNode;
  children?: ReactNode;
}) {
  const { error, renderError } = props;
  return (
    <Content>
      <Flex direction="column" gap="4">
        <Text as="p" variant="body-large" color="secondary">
          {props.subtitle}
        </Text>
        {props.loading && <Progress />}
        {error && (renderError ? renderError(error) : <ResponseErrorPanel error={error} />)}
        {props.children}
      </Flex>
    </Content>
  );
}
