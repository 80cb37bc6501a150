import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig } from '@backstage/ui';
import { Hint, NamedTable, Section } from '@internal/plugin-aws-react';
import type { UntaggedResourceGroup } from '@internal/plugin-aws-cost-common';
import { kindsText } from '../costView';

type GroupItem = UntaggedResourceGroup & { id: string };

const COLUMNS: ColumnConfig<GroupItem>[] = [
  {
    id: 'entity',
    label: 'Entity',
    isRowHeader: true,
    cell: g => <Cell>{g.entityRef ? <EntityRefLink entityRef={g.entityRef} /> : 'Not in the catalog'}</Cell>,
  },
  {
    id: 'owner',
    label: 'Owner',
    cell: g => (
      <Cell>
        {g.owner ? (
          <EntityRefLink
            entityRef={parseEntityRef(g.owner, {
              defaultKind: 'group',
              defaultNamespace: g.entityRef ? parseEntityRef(g.entityRef).namespace : 'default',
            })}
            defaultKind="group"
          />
        ) : (
          '–'
        )}
      </Cell>
    ),
  },
  { id: 'count', label: 'Resources', cell: g => <CellText title={String(g.count)} /> },
  { id: 'kinds', label: 'Kinds', cell: g => <CellText title={kindsText(g.kinds)} /> },
  {
    id: 'arns',
    label: 'ARNs',
    cell: g => (
      <Cell>
        <details>
          <summary>
            {g.arns.length < g.count ? `The first ${g.arns.length} of ${g.count}` : `${g.count} ARN${g.count === 1 ? '' : 's'}`}
          </summary>
          <ul style={{ margin: 0, paddingLeft: 'var(--bui-space-4)', fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-all' }}>
            {g.arns.map(arn => (
              <li key={arn}>{arn}</li>
            ))}
          </ul>
        </details>
      </Cell>
    ),
  },
];

/** The collected resources without a CostCenter tag, by the entity that owns them: whom to ask to tag them. */
export function UntaggedResources(props: { groups: UntaggedResourceGroup[] }) {
  const { groups } = props;
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <Section title="Resources without a CostCenter tag">
      {total === 0 ? (
        <Hint>
          Every resource the portal collects carries a CostCenter tag; the untagged spend comes from resources it does
          not collect (buckets, functions, data transfer).
        </Hint>
      ) : (
        <>
          <Hint>
            {total} of the resources the portal collects carry no CostCenter tag. Ask their owners to tag them so that
            their spend is booked to a cost center.
          </Hint>
          <NamedTable
            label="Resources without a CostCenter tag"
            columnConfig={COLUMNS}
            data={groups.map(g => ({ ...g, id: g.entityRef ?? 'unknown' }))}
            rowTestId={g => `untagged-${g.id}`}
          />
        </>
      )}
    </Section>
  );
}
