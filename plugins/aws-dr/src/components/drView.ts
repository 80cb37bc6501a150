import { formatMinutes } from '@internal/plugin-aws-common';
import {
  type DrRow,
  type DrVerdict,
  type RecoveryTargets,
  compareVerdicts,
  worstVerdict,
} from '@internal/plugin-aws-dr-common';

/** A system on the fleet DR page: its resources' worst verdict and why. */
export interface SystemDr {
  system: string;
  targets: RecoveryTargets;
  verdict: DrVerdict;
  /** The largest achieved RPO among its resources. */
  achievedRpoMinutes?: number;
  rows: DrRow[];
  /** The reasons of the resources with the worst verdict, each prefixed with the resource's name. */
  reasons: string[];
}

/** Groups the fleet's rows by system, breaches first, then by name. */
export function bySystem(rows: DrRow[]): SystemDr[] {
  const groups = new Map<string, DrRow[]>();
  for (const r of rows) {
    const key = r.system ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([system, list]) => {
      const verdict = worstVerdict(list.map(r => r.verdict));
      const achieved = list.map(r => r.achievedRpoMinutes).filter((m): m is number => m !== undefined);
      const targets = list.find(r => r.targets.rpoMinutes !== undefined || r.targets.rtoMinutes !== undefined)?.targets ?? {};
      return {
        system,
        targets,
        verdict,
        achievedRpoMinutes: achieved.length ? Math.max(...achieved) : undefined,
        rows: [...list].sort((a, b) => compareVerdicts(a.verdict, b.verdict) || a.name.localeCompare(b.name)),
        reasons: list.filter(r => r.verdict === verdict).flatMap(r => r.reasons.map(reason => `${r.name}: ${reason}`)),
      };
    })
    .sort((a, b) => compareVerdicts(a.verdict, b.verdict) || (a.system || '~').localeCompare(b.system || '~'));
}

/** `RPO 4h · RTO 2h · DR us-west-2`, or a dash. */
export function targetsText(t: RecoveryTargets): string {
  const parts = [
    t.rpoMinutes !== undefined ? `RPO ${formatMinutes(t.rpoMinutes)}` : '',
    t.rtoMinutes !== undefined ? `RTO ${formatMinutes(t.rtoMinutes)}` : '',
    t.drRegion ? `DR ${t.drRegion}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '–';
}

export const minutesText = (m?: number) => (m === undefined ? '–' : formatMinutes(m));
