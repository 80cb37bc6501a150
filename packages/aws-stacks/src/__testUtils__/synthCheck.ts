import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readNagFindings } from '../nagReport';

export { cfnLintErrors } from '../cfnLint';
export { checkovFailures } from '../checkov';

export interface SynthResult {
  template: any;
  templatePath: string;
  /** Every cdk-nag (and other validation) acknowledgement, with the construct it is on and its reason. */
  acknowledged: Acknowledged[];
}

export interface Acknowledged {
  path: string;
  rule: string;
  reason: string;
}

/** The acknowledgements recorded on the constructs under a scope. */
export function acknowledgementsIn(scope: IConstruct): Acknowledged[] {
  return scope.node.findAll().flatMap(c =>
    c.node.metadata
      .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(m => Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({ path: c.node.path, rule, reason }))),
  );
}

/**
 * Synthesizes one stack with cdk-nag's AwsSolutions pack as a validation
 * plugin; a finding that is not acknowledged fails synthesis, and the report
 * is thrown with every finding listed.
 */
export function synthWithNag(build: (stack: Stack) => unknown, name = 'TestStack'): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), 'aws-stacks-'));
  const app = new App({ outdir });
  const stack = new Stack(app, name, { env: { account: '111111111111', region: 'us-east-1' } });
  build(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    return { template: artifact.template, templatePath: artifact.templateFullPath, acknowledged: acknowledgementsIn(stack) };
  } catch (error) {
    const findings = readNagFindings(outdir);
    if (findings) {
      const lines = findings.map(f => `${f.rule}: ${f.description} at ${f.where.join(', ')}`);
      throw new Error(`cdk-nag findings:\n${lines.join('\n') || 'the report lists no violations'}`);
    }
    throw error;
  }
}

/**
 * Asserts that each variant of the input changes the synthesized template,
 * i.e. that no form field is ignored.
 */
export function expectEveryFieldToMatter<T extends object>(
  render: (input: T) => unknown,
  base: T,
  variants: Partial<T>[],
) {
  const reference = JSON.stringify(render(base));
  for (const variant of variants) {
    const changed = JSON.stringify(render({ ...base, ...variant })) !== reference;
    expect({ variant, changed }).toEqual({ variant, changed: true });
  }
}
