/*
 * A generated repository stands on its own: rendered into a directory outside
 * this workspace (nothing of the portal's node_modules is reachable from
 * there), it installs from the npm registry with `npm ci` and runs its own
 * CI steps: `npm run synth` (cdk-nag inside), `npm run lint:cfn` and
 * `npm run check:checkov`. Needs the npm registry, as the repository's users
 * do; cfn-lint and checkov come from the .venv and .venv-checkov that
 * scripts/test.sh installs.
 */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { createRenderStackAction } from './renderStack';
import { examples } from './renderStack.examples';

jest.setTimeout(600_000);

const repoRoot = resolve(__dirname, '../../../..');
const input = yaml.parse(examples[0].example).steps[0].input;
const repo = mkdtempSync(join(tmpdir(), 'standalone-repo-'));

afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** The machine's environment (proxy, certificates) without what Yarn and jest set for the workspace. */
function ownEnvironment(PATH: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|NODE_PATH$|NODE_OPTIONS$|NODE_ENV$|INIT_CWD$|PROJECT_CWD$|BERRY_)/i.test(k)),
  );
  return { ...env, PATH };
}

/** Runs an npm command in the generated repository, as its CI would. */
async function npm(...args: string[]) {
  const PATH = [dirname(process.execPath), join(repoRoot, '.venv/bin'), join(repoRoot, '.venv-checkov/bin'), process.env.PATH].join(':');
  try {
    return await promisify(execFile)('npm', args, {
      cwd: repo,
      env: ownEnvironment(PATH),
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e: any) {
    throw new Error(`npm ${args.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

it('renders, installs with npm ci and passes its own CI without the portal', async () => {
  expect(repo.startsWith(repoRoot)).toBe(false);
  await createRenderStackAction().handler(createMockActionContext({ input, workspacePath: repo }));
  expect(readdirSync(join(repo, 'vendor/aws-stacks'))).toEqual(expect.arrayContaining(['index.ts', 'platformStack.ts', 'kinds', 'README.md']));
  expect(readdirSync(join(repo, 'vendor/aws-stacks/kinds/redis-cache'))).toEqual(['index.ts']);
  expect(readdirSync(join(repo, 'vendor/aws-stacks')).filter(f => f.endsWith('.test.ts'))).toEqual([]);

  await npm('ci');
  expect(existsSync(join(repo, 'node_modules/aws-cdk-lib'))).toBe(true);

  await npm('run', 'synth');
  const template = JSON.parse(readFileSync(join(repo, 'cdk.out/crm-redis-production.template.json'), 'utf8'));
  const types = Object.values<any>(template.Resources).map(r => r.Type);
  expect(types).toEqual(expect.arrayContaining(['AWS::ElastiCache::ReplicationGroup', 'AWS::CloudWatch::Alarm']));
  // It imports the environment it names rather than building a network.
  expect(JSON.stringify(template)).toContain('platform-crm-production-');
  expect(types).not.toContain('AWS::EC2::VPC');

  const lint = await npm('run', 'lint:cfn');
  expect(lint.stdout).not.toMatch(/\bE\d{4}\b/);
  const checkov = await npm('run', 'check:checkov');
  expect(checkov.stdout).toMatch(/Failed checks: 0\b/);
});

it('stops synth with the sentence when the configuration cannot be built', async () => {
  const config = JSON.parse(readFileSync(join(repo, 'infra/stack-config.json'), 'utf8'));
  const broken = { ...config, cache: { ...config.cache, replicas: 0, multiAz: true } };
  // The render action refuses it first; edited by hand, synth refuses it too.
  writeFileSync(join(repo, 'infra/stack-config.json'), JSON.stringify(broken));
  await expect(npm('run', 'synth')).rejects.toThrow(
    /stack-config\.json cannot be built:\n- cache\.\S*: A production cache is Multi-AZ with automatic failover, which needs at least one replica/,
  );
});

it('carries the construct library’s dependencies at the library’s own ranges', () => {
  const library = JSON.parse(readFileSync(join(repoRoot, 'packages/aws-stacks/package.json'), 'utf8'));
  const skeleton = JSON.parse(readFileSync(join(__dirname, '../../skeleton/package.json'), 'utf8'));
  expect(skeleton.dependencies).toEqual(library.dependencies);
});
