/*
 * Least privilege as a whole: every IAM policy statement each kind of stack
 * creates (roles' policies, the AWS managed policies they are given, and the
 * resource policies of buckets, topics, keys and secrets), in every profile
 * at both extremes (every optional part, and none).
 * A `*` action or resource fails unless the allow-list below says why it is
 * the narrowest AWS allows; the stack library's README lists every
 * statement per kind (PORTAL_UPDATE_DOCS=1 rewrites the list).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { everyKind, leastOfEachKind } from './__testUtils__/stackConfigs';
import { ENVIRONMENT_PROFILES } from './profiles';
import { createPlatformApp } from './platformStack';

jest.setTimeout(300_000);

interface Statement {
  kind: string;
  /** The policy's type and the logical id of what it is on. */
  on: string;
  effect: string;
  actions: string[];
  resources: string[];
  principals: string;
}

const list = (v: unknown): unknown[] => {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
};

/** A resource or principal as a reader would say it: a ref by its logical id, an ARN with its tokens named. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as any;
    if (o.Ref) return `<${o.Ref.replace(/^AWS::/, '')}>`;
    if (o['Fn::GetAtt']) return `<${o['Fn::GetAtt'][0]}.${o['Fn::GetAtt'][1]}>`;
    if (o['Fn::ImportValue']) return `<import ${text(o['Fn::ImportValue'])}>`;
    if (o['Fn::Join']) return o['Fn::Join'][1].map(text).join(o['Fn::Join'][0]);
    if (o['Fn::Sub']) return String(o['Fn::Sub']);
  }
  return JSON.stringify(v);
}

const principals = (p: any): string => {
  if (p === undefined || typeof p === 'string') return p ?? '';
  return Object.entries(p).map(([k, v]) => `${k}: ${list(v).map(text).join(', ')}`).join('; ');
};

function statementsOf(kind: string, resources: Record<string, any>): Statement[] {
  const out: Statement[] = [];
  const add = (on: string, document: any) => {
    for (const s of list(document?.Statement) as any[]) {
      out.push({
        kind, on, effect: s.Effect,
        actions: list(s.Action ?? s.NotAction).map(text),
        resources: list(s.Resource ?? s.NotResource).map(text),
        principals: principals(s.Principal),
      });
    }
  };
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') add(`${r.Type.split('::')[2]} ${id}`, p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') {
      for (const inline of p.Policies ?? []) add(`Role ${id} (${inline.PolicyName})`, inline.PolicyDocument);
      // AWS's own policies it is given, by name (AWS keeps their statements).
      for (const managed of p.ManagedPolicyArns ?? []) {
        out.push({ kind, on: `Role ${id}`, effect: 'Allow', actions: [`AWS managed policy ${text(managed).replace(/^.*:policy\//, '')}`], resources: [], principals: '' });
      }
    }
    if (r.Type === 'AWS::S3::BucketPolicy' || r.Type === 'AWS::SNS::TopicPolicy' || r.Type === 'AWS::SecretsManager::ResourcePolicy') add(`${r.Type.split('::').slice(1).join(' ')} ${id}`, p.PolicyDocument ?? p.ResourcePolicy);
    if (r.Type === 'AWS::KMS::Key') add(`KMS key ${id}`, p.KeyPolicy);
  }
  return out;
}

/**
 * Where a `*` is the narrowest AWS allows, and why; a wildcard no entry
 * explains fails the test.
 */
const STAR_ALLOWED: Array<{ where: (s: Statement) => boolean; why: string }> = [
  {
    where: s => s.on.startsWith('KMS key') && s.resources.every(r => r === '*') && s.actions.join() === 'kms:*' && /^AWS: arn:<Partition>:iam::\d{12}:root$/.test(s.principals),
    why: "A key policy's Resource \"*\" is the key itself; kms:* for the account's root hands the key to the account's IAM policies (the key policy CDK and AWS give by default, without which the key cannot be managed).",
  },
  {
    where: s => s.on.startsWith('KMS key') && s.resources.every(r => r === '*') && s.actions.join() === 'kms:Decrypt,kms:GenerateDataKey*' && /^Service: [a-z]+\.amazonaws\.com$/.test(s.principals),
    why: 'The services that publish to the encrypted alerts topic (CloudWatch alarms, ElastiCache events) need a data key of it: GenerateDataKey* names GenerateDataKey and GenerateDataKeyWithoutPlaintext only, on this key only.',
  },
  {
    where: s => s.actions.join() === 'ecr:GetAuthorizationToken' && s.resources.join() === '*',
    why: 'ecr:GetAuthorizationToken has no resource-level permissions; the image pulls themselves name the repository.',
  },
  {
    where: s => s.actions.join() === 's3:PutObject' && s.resources.every(r => /^<\w+\.Arn>\/[\w-]+\/AWSLogs\/\d{12}\/\*$/.test(r)),
    why: "The load balancer names its log objects itself: it may write under its own prefix and account only (AWSLogs/<account>/…).",
  },
  {
    where: s => s.on.includes('Replicator') && s.resources.every(r => /:kafka:[a-z0-9-]+:\d{12}:(topic|group)\/[\w-]+\/\*$/.test(r)),
    why: "MSK Replicator copies the topics and groups the owner's patterns pick: the ARNs are those of its own two clusters (by name), any topic or group in them.",
  },
];

function synthesized() {
  const configs = ENVIRONMENT_PROFILES.flatMap(environment => [...everyKind(environment), ...leastOfEachKind(environment)]);
  return configs.map(config => {
    const { app, stack } = createPlatformApp(config, mkdtempSync(join(tmpdir(), 'iam-')));
    return { kind: config.kind, resources: app.synth().getStackByName(stack.stackName).template.Resources as Record<string, any> };
  });
}

const hasStar = (s: Statement) => [...s.actions, ...s.resources].some(x => x.includes('*'));

/** The README's list, kind by kind. */
function policyList(statements: Statement[]) {
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  const lines = ['| Kind | On | Effect | Actions | Resources | Principal |', '|---|---|---|---|---|---|'];
  for (const s of statements) {
    lines.push(`| ${s.kind} | ${cell(s.on)} | ${s.effect} | ${cell(s.actions.join(', '))} | ${cell(s.resources.join(', '))} | ${cell(s.principals)} |`);
  }
  return lines.join('\n');
}

let statements: Statement[] = [];
beforeAll(() => {
  // Each profile and extreme, each statement once (the same construct has the same logical id in each).
  const all = synthesized().flatMap(({ kind, resources }) => statementsOf(kind, resources));
  statements = [...new Map(all.map(st => [JSON.stringify(st), st])).values()];
});

it('allows no wildcard action or resource that the allow-list does not explain', () => {
  expect(statements.length).toBeGreaterThan(10);
  const unexplained = statements.filter(s => s.effect === 'Allow' && hasStar(s) && !STAR_ALLOWED.some(a => a.where(s)));
  expect(unexplained).toEqual([]);
  // And every entry still explains something.
  expect(STAR_ALLOWED.filter(a => !statements.some(s => hasStar(s) && a.where(s))).map(a => a.why)).toEqual([]);
});

it("keeps the README's list of every policy statement per kind (PORTAL_UPDATE_DOCS=1 rewrites it)", () => {
  const file = join(__dirname, '../README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- iam-policies:start -->\n';
  const end = '<!-- iam-policies:end -->';
  const [before, rest = ''] = readme.split(start);
  const after = rest.includes(end) ? rest.slice(rest.indexOf(end)) : `${end}\n`;
  const expected = `${before}${start}${policyList(statements)}\n${after}`;
  if (process.env.PORTAL_UPDATE_DOCS) writeFileSync(file, expected);
  expect(readme).toBe(expected);
});
