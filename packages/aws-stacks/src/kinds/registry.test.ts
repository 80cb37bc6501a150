import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import yaml from 'yaml';
import { ENVIRONMENT_PROFILES } from '../profiles';
import { partsOf } from '../platformStack';
import { everyKind } from '../__testUtils__/stackConfigs';
import { STACK_KINDS, stackKindOf } from '.';

const packageDir = join(__dirname, '..', '..');
const templatesDir = join(packageDir, '..', '..', 'templates');

describe('the registry of stack kinds', () => {
  it('lists every descriptor folder once, each under its kind’s name', () => {
    const folders = readdirSync(__dirname, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    expect(STACK_KINDS.map(k => k.kind).sort()).toEqual(folders.sort());
  });

  it.each(STACK_KINDS.map(k => k.kind))('%s has a golden-path template whose steps write its kind', kind => {
    const file = join(templatesDir, kind, 'template.yaml');
    expect(existsSync(file)).toBe(true);
    const steps: Array<{ id?: string; input?: { kind?: string; stackConfig?: { kind?: string } } }> = yaml.parse(readFileSync(file, 'utf8')).spec.steps;
    expect(steps.find(s => s.id === 'authorize')?.input?.kind).toBe(kind);
    expect(steps.find(s => s.id === 'render')?.input?.stackConfig?.kind).toBe(kind);
  });

  it('builds each kind’s parts in its order, leaving out an optional part that is not given', () => {
    const [withCache] = everyKind('production').filter(c => c.kind === 'service-with-database');
    expect(partsOf(withCache).map(([field, part]) => [field, part.id])).toEqual([['service', 'Service'], ['database', 'Database'], ['cache', 'Cache']]);
    expect(partsOf({ ...withCache, cache: undefined }).map(([field]) => field)).toEqual(['service', 'database']);
  });

  it('has a configuration of every kind in the fixtures every stack test synthesizes', () => {
    for (const environment of ENVIRONMENT_PROFILES) {
      expect(new Set(everyKind(environment).map(c => c.kind))).toEqual(new Set(STACK_KINDS.map(k => k.kind)));
    }
  });

  it('names the kinds there are when asked for one it does not have', () => {
    expect(() => stackKindOf({ kind: 'lambda-function' })).toThrow(/There is no stack kind lambda-function; the kinds are platform-environment, fargate-service/);
  });
});

describe('the lint check on stack kinds', () => {
  const lint = async (code: string, file: string) => {
    const [result] = await new ESLint({ cwd: packageDir }).lintText(code, { filePath: join(packageDir, file) });
    return result.messages.filter(m => m.ruleId === 'no-restricted-syntax').map(m => m.message);
  };
  const branches = [
    "export const a = (c: { kind: string }) => c.kind === 'x';",
    "export const b = (c: { kind: string }) => { switch (c.kind) { default: return 1; } };",
    "export const c = (c: object) => 'service' in c;",
    "export const d = 'redis-cache';",
  ];

  it.each(branches)('refuses %s outside the descriptors', async code => {
    expect(await lint(code, 'src/probe.ts')).toEqual([expect.stringMatching(/^Branch on no stack kind outside its descriptor/)]);
  });

  it('lets a descriptor know its own kind', async () => {
    expect(await lint(branches[3], 'src/kinds/redis-cache/probe.ts')).toEqual([]);
  });

  it('refuses an arn:aws: literal in the stack library', async () => {
    expect(await lint("export const arn = 'arn:aws:s3:::bucket';", 'src/kinds/redis-cache/probe.ts')).toEqual([expect.stringMatching(/^Write no arn:aws: literal/)]);
  });
});
