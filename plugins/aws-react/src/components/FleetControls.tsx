import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

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
  /** The state's chip under its count. */
  chip: (state: S) => ReactNode;
  /** Cards per row on wide screens. */
  perRow: 3 | 4;
}) {
  return (
    <Grid container spacing={2} sx={{ mb: 2 }}>
      {props.states.map(state => (
        <Grid item xs={props.perRow === 4 ? 6 : 12} sm={props.perRow === 4 ? 6 : 4} md={12 / props.perRow} key={state}>
          <Card variant="outlined" sx={props.selected === state ? { borderColor: 'primary.main', borderWidth: 2 } : undefined}>
            <CardActionArea
              aria-label={`${props.label(state)}: ${props.counts[state]}`}
              onClick={() => props.onSelect(props.selected === state ? undefined : state)}
            >
              <CardContent>
                <Typography variant="h4" component="p">
                  {props.counts[state]}
                </Typography>
                {props.chip(state)}
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
      ))}
    </Grid>
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
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
      <TextField
        size="small"
        label="Search"
        placeholder={props.searchPlaceholder}
        value={props.search.value}
        onChange={e => props.search.onChange(e.target.value)}
      />
      {props.keys.map(key => (
        <TextField
          key={key}
          select
          size="small"
          label={props.labels[key]}
          value={props.filters[key] ?? ''}
          onChange={e => props.onFilterChange(key, e.target.value || undefined)}
          sx={{ minWidth: 140 }}
          SelectProps={{ inputProps: { 'data-testid': `filter-${key}` } }}
        >
          <MenuItem value="">All</MenuItem>
          {props.options[key].map(v => (
            <MenuItem key={v} value={v}>
              {props.optionLabel ? props.optionLabel(key, v) : v}
            </MenuItem>
          ))}
        </TextField>
      ))}
    </Box>
  );
}
