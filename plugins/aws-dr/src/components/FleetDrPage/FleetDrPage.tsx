import { Content, Header, Page, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DR_VERDICTS } from '@internal/plugin-aws-dr-common';
import { DataFreshness, DemoDataNotice } from '@internal/plugin-aws-react';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { awsDrApiRef } from '../../api/AwsDrApi';
import { bySystem, minutesText, targetsText } from '../drView';
import { VerdictChip, verdictLabel } from '../VerdictChip';

/** The fleet's recovery status by system: target, achieved, verdict and why, breaches first. */
export function FleetDrPage() {
  const api = useApi(awsDrApiRef);
  const { value, loading, error } = useAsync(() => api.getFleet(), [api]);
  const systems = value ? bySystem(value.items) : [];
  return (
    <Page themeId="tool">
      <Header
        title="Disaster recovery"
        subtitle="Whether each system's services and data stores can meet its RPO and RTO, for the loss of a zone and of a Region"
      />
      <Content>
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
            <TableContainer component={Paper}>
              <Table size="small" aria-label="Disaster recovery by system">
                <TableHead>
                  <TableRow>
                    <TableCell>System</TableCell>
                    <TableCell>Target</TableCell>
                    <TableCell align="right">Achieved RPO</TableCell>
                    <TableCell>Verdict</TableCell>
                    <TableCell>Resources</TableCell>
                    <TableCell>Why</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {systems.map(s => (
                    <TableRow key={s.system} data-testid={`dr-system-${s.system || 'none'}`} sx={{ verticalAlign: 'top' }}>
                      <TableCell>
                        {s.system ? <EntityRefLink entityRef={{ kind: 'system', namespace: 'default', name: s.system }} /> : 'No system'}
                      </TableCell>
                      <TableCell>{targetsText(s.targets)}</TableCell>
                      <TableCell align="right">{minutesText(s.achievedRpoMinutes)}</TableCell>
                      <TableCell>
                        <VerdictChip verdict={s.verdict} />
                      </TableCell>
                      <TableCell>
                        {s.rows.map(r => (
                          <Stack key={r.arn} direction="row" spacing={1} alignItems="center" sx={{ mb: 0.5 }}>
                            <VerdictChip verdict={r.verdict} />
                            {r.entityRef ? <EntityRefLink entityRef={r.entityRef} title={r.name} /> : <span>{r.name}</span>}
                          </Stack>
                        ))}
                      </TableCell>
                      <TableCell>
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
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Stack>
        )}
      </Content>
    </Page>
  );
}
