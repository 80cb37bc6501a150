import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { FleetFilterBar, StateCountCards } from './FleetControls';
import { StatusBadge } from './StatusBadge';
import { TextList } from './Layout';

jest.setTimeout(60_000);

type Key = 'system' | 'region';

/** The bar as a page holds it: the filters in state, reported on every change. */
function Bar(props: { onChange: (filters: Partial<Record<Key, string>>) => void }) {
  const [filters, setFilters] = useState<Partial<Record<Key, string>>>({});
  const [search, setSearch] = useState('');
  return (
    <FleetFilterBar<Key>
      search={{ value: search, onChange: setSearch }}
      searchPlaceholder="service or reason"
      keys={['system', 'region']}
      labels={{ system: 'System', region: 'Region' }}
      options={{ system: ['analytics', 'crm'], region: ['us-east-1'] }}
      filters={filters}
      onFilterChange={(key, value) => {
        const next = { ...filters, [key]: value };
        setFilters(next);
        props.onChange(next);
      }}
      optionLabel={(key, v) => (key === 'system' ? v.toUpperCase() : v)}
    />
  );
}

describe('FleetFilterBar', () => {
  it('sets a filter from its menu and clears it with All', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Bar onChange={onChange} />);

    const system = within(screen.getByTestId('filter-system'));
    await user.click(system.getByRole('button'));
    await user.click(await screen.findByRole('option', { name: 'CRM' }));
    expect(onChange).toHaveBeenLastCalledWith({ system: 'crm' });
    expect(system.getByRole('button')).toHaveTextContent('CRM');

    await user.click(system.getByRole('button'));
    await user.click(await screen.findByRole('option', { name: 'All' }));
    expect(onChange).toHaveBeenLastCalledWith({ system: undefined });
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveAttribute('placeholder', 'service or reason');
  });
});

describe('StateCountCards', () => {
  it('names each card by its state and count, and toggles the state shown alone', () => {
    const onSelect = jest.fn();
    const { rerender } = render(
      <StateCountCards
        states={['ALARM', 'OK'] as const}
        counts={{ ALARM: 2, OK: 40 }}
        onSelect={onSelect}
        label={s => (s === 'ALARM' ? 'In alarm' : 'OK')}
        chip={s => <StatusBadge tone={s === 'ALARM' ? 'danger' : 'success'}>{s}</StatusBadge>}
        perRow={3}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'In alarm: 2' }));
    expect(onSelect).toHaveBeenLastCalledWith('ALARM');

    rerender(
      <StateCountCards
        states={['ALARM', 'OK'] as const}
        counts={{ ALARM: 2, OK: 40 }}
        selected="ALARM"
        onSelect={onSelect}
        label={s => (s === 'ALARM' ? 'In alarm' : 'OK')}
        chip={s => <StatusBadge tone={s === 'ALARM' ? 'danger' : 'success'}>{s}</StatusBadge>}
        perRow={3}
      />,
    );
    expect(screen.getAllByTestId('state-card')[0]).toHaveAttribute('data-selected', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'In alarm: 2' }));
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });
});

describe('TextList', () => {
  it('is a list a screen reader announces by its name, one item per entry', () => {
    render(
      <TextList
        label="Service events"
        items={[
          { key: '1', primary: 'has reached a steady state', secondary: '3 min ago' },
          { key: '2', primary: 'started 1 task', secondary: '' },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Service events' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('has reached a steady state3 min ago');
    expect(items[1]).toHaveTextContent(/^started 1 task$/);
  });
});
