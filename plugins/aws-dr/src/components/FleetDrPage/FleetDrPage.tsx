import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig, Flex, Text } from '@backstage/ui';
import { DR_VERDICTS } from '@internal/plugin-aws-dr-common';
import { DataFreshness, DemoDataNotice, FleetPageBody, Hint, NamedTable, WrappingTextCell } from '@internal/plugin-aws-react';
import useAsync from 'react-use/esm/useAsync';
import { awsDrApiRef } from '../../api/AwsDrApi';
import { bySystem, minutesText, targetsText } from '../drView';
import { VerdictChip, verdictLabel } from '../VerdictChip';

type SystemItem = ReturnType<typeof bySystem>[number] & { id: string };

const COLUMNS: ColumnConfig<SystemItem>[] = [
  {
    id: 'system',
    label: 'System',
    isRowHeader: true,
    cell: s => (
      <Cell>
        {s.system ? <EntityRefLink entityRef={{ kind: 'system', namespace: 'default', name: s.system }} /> : 'No system'}
      </Cell>
    ),
  },
  { id: 'target', label: 'Target', cell: s => <WrappingTextCell text={targetsText(s.targets)} /> },
  { id: 'achieved', label: 'Achieved RPO', cell: s => <CellText title={minutesText(s.achievedRpoMinutes)} /> },
  {
    id: 'verdict',
    label: 'Verdict',
    cell: s => (
      <Cell>
        <VerdictChip verdict={s.verdict} />
      </Cell>
    ),
  },
  {
    id: 'resources',
    label: 'Resources',
    defaultWidth: '2fr',
    cell: s => (
      <Cell>
        {s.rows.map(r => (
          <Flex key={r.arn} align="center" gap="2" mb="1">
            <VerdictChip verdict={r.verdict} />
            {r.entityRef ? <EntityRefLink entityRef={r.entityRef} title={r.name} /> : <span>{r.name}</span>}
          </Flex>
        ))}
      </Cell>
    ),
  },
  {
    id: 'why',
    label: 'Why',
    defaultWidth: '3fr',
    cell: s => (
      <Cell>
        {s.reasons.length === 0 ? (
          <Hint>{s.verdict === 'no-target' ? 'No RPO or RTO is declared.' : 'Every check is met.'}</Hint>
        ) : (
          <Flex direction="column" gap="1">
            {s.reasons.map(reason => (
              <Text as="p" key={reason} variant="body-medium">
                {reason}
              </Text>
            ))}
          </Flex>
        )}
      </Cell>
    ),
  },
];

/** The fleet's recovery status by system: target, achieved, verdict and why, breaches first. */
export function FleetDrPage() {
  const api = useApi(awsDrApiRef);
  const { value, loading, error } = useAsync(() => api.getFleet(), [api]);
  const systems = value ? bySystem(value.items).map(s => ({ ...s, id: s.system || 'none' })) : [];
  return (
    // The app's page layout shows the title (Disaster recovery) in its header: the page brings its content only.
    <FleetPageBody
      subtitle="Whether each system's services and data stores can meet its RPO and RTO, for the loss of a zone and of a Region"
      loading={loading}
      error={error}
    >
      {value && (
        <>
          {value.demo && <DemoDataNotice />}
          <DataFreshness accountRegions={value.accountRegions} />
          <Flex gap="5" aria-label="Systems by verdict">
            {DR_VERDICTS.map(v => (
              <Text as="p" key={v} variant="body-medium" data-testid={`count-${v}`}>
                <strong>{systems.filter(s => s.verdict === v).length}</strong> {verdictLabel(v).toLocaleLowerCase('en-US')}
              </Text>
            ))}
          </Flex>
          <NamedTable label="Disaster recovery by system" columnConfig={COLUMNS} data={systems} rowTestId={s => `dr-system-${s.id}`} />
        </>
      )}
    </FleetPageBody>
  );
}
