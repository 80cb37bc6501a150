import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One finding of cdk-nag's validation report.
 *
 * @public
 */
export interface NagFinding {
  rule: string;
  description: string;
  /** Construct paths (or logical ids) at fault. */
  where: string[];
}

/**
 * Reads the findings of the validation report that a failed `app.synth()`
 * wrote into its output directory; undefined when there is no report (the
 * synthesis failed for another reason).
 *
 * @public
 */
export function readNagFindings(outdir: string): NagFinding[] | undefined {
  const report = join(outdir, 'validation-report.json');
  if (!existsSync(report)) return undefined;
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  return (parsed.pluginReports ?? []).flatMap((r: any) =>
    (r.violations ?? r.conditions ?? []).map((v: any) => ({
      rule: v.ruleName,
      description: v.description ?? '',
      where: (v.violatingResources ?? v.violatingConstructs ?? []).map(
        (x: any) => x.constructPath ?? x.resourceLogicalId,
      ),
    })),
  );
}
