import { Card, Flex, Grid, SearchField, Select, Text } from '@backstage/ui';
import type { ReactNode } from 'react';

/** The "All" entry of a filter menu: a key no column value can take. */
const ALL = '\u0000all';

/**
 * A fleet page's count per state, one card each: choosing a card shows only
 * that state, choosing it again shows all.
 *
 * @public
 */
export function StateCountCards<S extends string>(props: {
  states: readonly S[];
  counts: Record<S, number>;
  /** The state shown alone, if any. */
  selected?: string;
  onSelect: (state: S | undefined) => void;
  /** How a state is named ("In alarm"): the card's accessible name is "<label>: <count>". */
  label: (state: S) => string;
  /** The state's badge under its count. */
  chip: (state: S) => ReactNode;
  /** Cards per row on wide screens. */
  perRow: 3 | 4;
}) {
  return (
    <Grid.Root columns={{ initial: props.perRow === 4 ? '2' : '1', sm: props.perRow === 4 ? '2' : '3', md: String(props.perRow) as '3' | '4' }} gap="4">
      {props.states.map(state => (
        <Card
          key={state}
          label={`${props.label(state)}: ${props.counts[state]}`}
          onPress={() => props.onSelect(props.selected === state ? undefined : state)}
          data-testid="state-card"
          data-selected={props.selected === state || undefined}
          style={props.selected === state ? { outline: '2px solid var(--bui-accent-bg)', outlineOffset: -2 } : undefined}
        >
          <Flex direction="column" gap="1" p="4">
            <Text as="p" variant="title-medium">
              {props.counts[state]}
            </Text>
            <div>{props.chip(state)}</div>
          </Flex>
        </Card>
      ))}
    </Grid.Root>
  );
}

/**
 * A fleet page's search field and one menu per filterable column, each with
 * "All" and the column's values; they drive Backstage UI's `useTable`
 * (its `search` and `filter` states).
 *
 * @public
 */
export function FleetFilterBar<K extends string>(props: {
  search: { value: string; onChange: (value: string) => void };
  searchPlaceholder: string;
  keys: readonly K[];
  labels: Record<K, string>;
  options: Record<K, string[]>;
  filters: Partial<Record<K, string>>;
  onFilterChange: (key: K, value: string | undefined) => void;
  /** How a value is shown in its menu (the value itself when not given). */
  optionLabel?: (key: K, value: string) => string;
}) {
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <SearchField
        label="Search"
        size="small"
        placeholder={props.searchPlaceholder}
        value={props.search.value}
        onChange={props.search.onChange}
        style={{ flex: '2 1 240px', maxWidth: 360 }}
      />
      {props.keys.map(key => (
        <Select
          key={key}
          label={props.labels[key]}
          size="small"
          data-testid={`filter-${key}`}
          style={{ flex: '1 1 150px', maxWidth: 220 }}
          options={[
            { id: ALL, label: 'All' },
            ...props.options[key].map(v => ({ id: v, label: props.optionLabel ? props.optionLabel(key, v) : v })),
          ]}
          value={props.filters[key] ?? ALL}
          onChange={v => props.onFilterChange(key, v === ALL || v === null ? undefined : String(v))}
        />
      ))}
    </Flex>
  );
}
