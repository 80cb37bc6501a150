import { Content, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, type ColumnConfig } from '@backstage/ui';
import { DR_VERDICTS } from '@internal/plugin-aws-dr-common';
import { DataFreshness, DemoDataNotice, NamedTable, WrappingTextCell } from '@internal/plugin-aws-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
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
          <Stack key={r.arn} direction="row" spacing={1} alignItems="center" sx={{ mb: 0.5 }}>
            <VerdictChip verdict={r.verdict} />
            {r.entityRef ? <EntityRefLink entityRef={r.entityRef} title={r.name} /> : <span>{r.name}</span>}
          </Stack>
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
          <Typography variant="body2" color="text.secondary">
            {s.verdict === 'no-target' ? 'No RPO or RTO is declared.' : 'Every check is met.'}
          </Typography>
        ) : (
          s.reasons.map(reason => (
            <Typography key={reason} variant="body2" sx={{ mb: 0.5 }}>
              {reason}
            </Typography>
          ))
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
    <Content>
      <Typography variant="body1" color="text.secondary" sx={{ mb: 2 }}>
        Whether each system's services and data stores can meet its RPO and RTO, for the loss of a zone and of a Region
      </Typography>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <Stack spacing={2}>
          {value.demo && <DemoDataNotice />}
          <DataFreshness accountRegions={value.accountRegions} />
          <Stack direction="row" spacing={3} aria-label="Systems by verdict">
            {DR_VERDICTS.map(v => (
              <Typography key={v} data-testid={`count-${v}`}>
                <strong>{systems.filter(s => s.verdict === v).length}</strong> {verdictLabel(v).toLocaleLowerCase('en-US')}
              </Typography>
            ))}
          </Stack>
          <NamedTable label="Disaster recovery by system" columnConfig={COLUMNS} data={systems} rowTestId={s => `dr-system-${s.id}`} />
        </Stack>
      )}
    </Content>
  );
}
