import { Cell, Row, Table, Text, type TableItem, type TableProps } from '@backstage/ui';
import type { ReactNode } from 'react';

/**
 * Props of {@link NamedTable}: Backstage UI's table props, with `pagination`
 * optional (a short table shows every row) and the name it is known by.
 *
 * @public
 */
export type NamedTableProps<T extends TableItem> = Omit<TableProps<T>, 'pagination'> &
  Partial<Pick<TableProps<T>, 'pagination'>> & {
    /** What the table lists; screen readers and tests find it by this name. */
    label: string;
    /** A `data-testid` for each row, for tests that find a row by what it is. */
    rowTestId?: (item: T) => string;
  };

/**
 * Backstage UI's `Table` in a region named by `label`: the table itself is
 * always announced as "Data table", so the region carries what it lists.
 *
 * @public
 */
export function NamedTable<T extends TableItem>({ label, pagination, rowTestId, ...props }: NamedTableProps<T>) {
  const visible = props.columnConfig.filter(c => !c.isHidden);
  const rowConfig: TableProps<T>['rowConfig'] = rowTestId
    ? ({ item }) => (
        <Row id={String(item.id)} columns={visible} data-testid={rowTestId(item)}>
          {column => column.cell(item)}
        </Row>
      )
    : props.rowConfig;
  return (
    <section aria-label={label}>
      <Table {...props} rowConfig={rowConfig} pagination={pagination ?? { type: 'none' }} />
    </section>
  );
}

/**
 * A second, quieter line under a table cell's main content; nothing when
 * there is no text.
 *
 * @public
 */
export function CellCaption(props: { children?: ReactNode }) {
  if (props.children === undefined || props.children === null || props.children === '') return null;
  return (
    <Text as="div" variant="body-small" color="secondary">
      {props.children}
    </Text>
  );
}

/**
 * A table cell whose text wraps over as many lines as it needs: Backstage
 * UI's `CellText` cuts text to one line, which hides the reason an alarm
 * fires or a check fails.
 *
 * @public
 */
export function WrappingTextCell(props: { text: string }) {
  return (
    <Cell>
      <Text as="p" variant="body-medium" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
        {props.text}
      </Text>
    </Cell>
  );
}
