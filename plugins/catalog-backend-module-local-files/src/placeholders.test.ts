import { createMockDirectory } from '@backstage/backend-test-utils';
import type { CatalogProcessorResult, PlaceholderResolverParams } from '@backstage/plugin-catalog-node';
import { placeholderResolver } from './placeholders';

describe('placeholderResolver', () => {
  const repo = createMockDirectory({
    content: {
      '.git/HEAD': 'ref: refs/heads/main',
      'templates/shared/publish.yaml': 'title: Publish\nproperties:\n  publishTo: { type: string }\n',
      'templates/shared/two.yaml': 'a: 1\n---\nb: 2\n',
      'templates/shared/notes.md': '# Notes\n',
      'templates/redis-cache/template.yaml': 'kind: Template',
    },
  });
  const outside = createMockDirectory({ content: { 'secret.yaml': 'token: x' } });
  const base = repo.resolve('templates/redis-cache/template.yaml');

  function params(key: string, value: unknown, overrides: Partial<PlaceholderResolverParams> = {}) {
    const emitted: CatalogProcessorResult[] = [];
    const read = jest.fn(async (url: string) => Buffer.from(`read: ${url}\n`));
    const p: PlaceholderResolverParams = {
      key,
      value: value as any,
      baseUrl: base,
      read,
      resolveUrl: (url, b) => new URL(url, b).toString(),
      emit: r => emitted.push(r),
      ...overrides,
    };
    return { p, emitted, read };
  }

  it('reads a YAML file next to an entity registered by path', async () => {
    const { p, emitted } = params('yaml', '../shared/publish.yaml');
    await expect(placeholderResolver('yaml')(p)).resolves.toEqual({ title: 'Publish', properties: { publishTo: { type: 'string' } } });
    expect(emitted).toEqual([{ type: 'refresh', key: `file:${repo.resolve('templates/shared/publish.yaml')}` }]);
  });

  it('reads text as it is', async () => {
    await expect(placeholderResolver('text')(params('text', '../shared/notes.md').p)).resolves.toBe('# Notes\n');
  });

  it('refuses a file outside the entity’s repository, with the sentence', async () => {
    const { p } = params('yaml', `../../../${outside.path.split('/').pop()}/secret.yaml`);
    await expect(placeholderResolver('yaml')(p)).rejects.toThrow(/^Placeholder \$yaml could not read .*secret\.yaml next to .*template\.yaml: /);
    await expect(placeholderResolver('yaml')(params('yaml', outside.resolve('secret.yaml')).p)).rejects.toThrow(/could not read/);
  });

  it('reads next to an entity of an installed portal, which has a lockfile but no .git, and no further', async () => {
    const installed = createMockDirectory({
      content: {
        'yarn.lock': '# lockfile',
        'templates/shared/publish.yaml': 'title: Publish\n',
        'templates/redis-cache/template.yaml': 'kind: Template',
      },
    });
    const baseUrl = installed.resolve('templates/redis-cache/template.yaml');
    await expect(placeholderResolver('yaml')(params('yaml', '../shared/publish.yaml', { baseUrl }).p)).resolves.toEqual({
      title: 'Publish',
    });
    const escape = `../../../${outside.path.split('/').pop()}/secret.yaml`;
    await expect(placeholderResolver('yaml')(params('yaml', escape, { baseUrl }).p)).rejects.toThrow(/could not read/);
  });

  it('says what is wrong with a file it cannot use', async () => {
    await expect(placeholderResolver('yaml')(params('yaml', '../shared/two.yaml').p)).rejects.toThrow(
      'Placeholder $yaml could not parse ../shared/two.yaml: expected one YAML document, found 2',
    );
    await expect(placeholderResolver('yaml')(params('yaml', '../shared/missing.yaml').p)).rejects.toThrow(/could not read .*ENOENT/);
    await expect(placeholderResolver('yaml')(params('yaml', { path: 'x' }).p)).rejects.toThrow('expected a string value');
  });

  it('resolves relative to an entity read from a URL through the catalog’s reader', async () => {
    const baseUrl = 'https://github.com/acme/portal/blob/main/templates/redis-cache/template.yaml';
    const { p, emitted, read } = params('text', '../shared/notes.md', { baseUrl });
    const url = 'https://github.com/acme/portal/blob/main/templates/shared/notes.md';
    await expect(placeholderResolver('text')(p)).resolves.toBe(`read: ${url}\n`);
    expect(read).toHaveBeenCalledWith(url);
    expect(emitted).toEqual([{ type: 'refresh', key: `url:${url}` }]);
  });

  it('refuses a URL in another repository', async () => {
    const baseUrl = 'https://github.com/acme/portal/blob/main/templates/redis-cache/template.yaml';
    const { p, read } = params('text', 'https://github.com/other/repo/blob/main/secrets.md', { baseUrl });
    await expect(placeholderResolver('text')(p)).rejects.toThrow('it may only reference files from the same repository as the entity');
    expect(read).not.toHaveBeenCalled();
  });
});
