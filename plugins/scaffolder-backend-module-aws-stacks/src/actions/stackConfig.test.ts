import { createMockDirectory } from '@backstage/backend-test-utils';
import { readStackConfig } from './stackConfig';

describe('readStackConfig', () => {
  const root = createMockDirectory();

  beforeEach(() => {
    root.setContent({
      ws: { infra: { 'stack-config.json': '{"kind":"redis-cache"}' } },
      // A sibling whose name starts with the workspace's: a prefix check would let it through.
      ws2: { 'stack-config.json': '{"kind":"stolen"}' },
    });
  });

  it('reads the configuration inside the workspace', async () => {
    await expect(readStackConfig(root.resolve('ws'))).resolves.toEqual({ kind: 'redis-cache' });
  });

  it.each(['../ws2/stack-config.json', '/etc/passwd', 'infra/../../ws2/stack-config.json'])('refuses %s, which leaves the workspace', async configPath => {
    await expect(readStackConfig(root.resolve('ws'), configPath)).rejects.toThrow(`configPath ${configPath} leaves the workspace.`);
  });

  it('says when the template rendered no configuration', async () => {
    await expect(readStackConfig(root.resolve('ws'), 'infra/missing.json')).rejects.toThrow(
      'No stack configuration at infra/missing.json; the template did not render one.',
    );
  });
});
