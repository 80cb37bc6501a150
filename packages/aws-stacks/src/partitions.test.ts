/*
 * Any partition: every kind of stack synthesized in a GovCloud Region (and
 * its DR Region there), with every ARN in the templates checked. An ARN the
 * constructs write takes the stack's partition (`AWS::Partition`); one the
 * answers give is GovCloud's; a literal `arn:aws:` anywhere fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfnLintErrors } from './__testUtils__/synthCheck';
import { everyKind } from './__testUtils__/stackConfigs';
import { arnIn, partitionOf } from './arns';
import { createPlatformApp, parsePlatformStackConfig } from './platformStack';

jest.setTimeout(300_000);

/** The same answers, in GovCloud: us-gov-west-1 for us-east-1, us-gov-east-1 for the DR Region. */
const inGovCloud = (config: unknown) =>
  JSON.parse(
    JSON.stringify(config)
      .replace(/us-east-1/g, 'us-gov-west-1')
      .replace(/us-west-2/g, 'us-gov-east-1')
      .replace(/arn:aws:/g, 'arn:aws-us-gov:'),
  );

/** Every ARN in a template: literal strings, and the literal parts of Fn::Join / Fn::Sub. */
function arnsIn(node: unknown, out: Array<{ text: string; joined: boolean }> = []): typeof out {
  if (typeof node === 'string') {
    for (const m of node.matchAll(/arn:[^:"\s]*:[^"\s]*/g)) out.push({ text: m[0], joined: false });
  } else if (Array.isArray(node)) {
    node.forEach(n => arnsIn(n, out));
  } else if (node && typeof node === 'object') {
    const joined = (node as any)['Fn::Join'];
    if (Array.isArray(joined) && Array.isArray(joined[1])) {
      // 'arn:', { Ref: AWS::Partition }, ':service:…' is the stack's partition.
      const parts: unknown[] = joined[1];
      parts.forEach((part, i) => {
        if (part === 'arn:' && (parts[i + 1] as any)?.Ref === 'AWS::Partition') out.push({ text: 'arn:${AWS::Partition}', joined: true });
        else arnsIn(part, out);
      });
      return out;
    }
    Object.values(node).forEach(v => arnsIn(v, out));
  }
  return out;
}

it('knows the partitions of the Regions, and writes examples in them', () => {
  expect(['us-east-1', 'us-gov-west-1', 'cn-north-1', 'us-gov-east-9', 'cn-south-9'].map(partitionOf)).toEqual(['aws', 'aws-us-gov', 'aws-cn', 'aws-us-gov', 'aws-cn']);
  expect(arnIn('cn-northwest-1', 'rds', '111111111111', 'db:x')).toBe('arn:aws-cn:rds:cn-northwest-1:111111111111:db:x');
});

it('synthesizes every kind in GovCloud with every ARN in its partition, and cfn-lint checks what GovCloud offers', () => {
  const wrong: string[] = [];
  const lint: string[] = [];
  let seen = 0;
  for (const config of everyKind('production').map(inGovCloud)) {
    const { app, stack } = createPlatformApp(parsePlatformStackConfig(config), mkdtempSync(join(tmpdir(), 'govcloud-')));
    const template = app.synth().getStackByName(stack.stackName).template;
    // cfn-lint in the stack's own Region (the template's cfn-lint metadata says which).
    lint.push(...cfnLintErrors(template).map(e => `${config.kind}: ${e.replace(/^.*?:([EW]\d{4}):/, '$1: ')}`));
    for (const arn of arnsIn(template.Resources)) {
      seen++;
      if (!arn.joined && !arn.text.startsWith('arn:aws-us-gov:') && !arn.text.startsWith('arn:${AWS::Partition}')) wrong.push(`${config.kind}: ${arn.text}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(seen).toBeGreaterThan(20);
  // Everything creates there but MSK Replicator, which GovCloud does not
  // offer: the portal's validate step stops on this finding before publishing.
  expect(lint).toEqual(["msk-replicator: E3006: Resource type 'AWS::MSK::Replicator' does not exist in 'us-gov-east-1'"]);
});
