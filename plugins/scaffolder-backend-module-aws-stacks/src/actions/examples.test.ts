/*
 * The actions' documented examples, run as tests: render writes the
 * skeleton, validate passes it, estimate prices it, publish:local dry-runs,
 * aws:catalog:register registers as the portal (the catalog is Backstage's
 * test double: registering itself is the catalog's, tested there),
 * aws:stack:authorize refuses a production stack outside the platform team
 * (the user-info service is Backstage's double, handing out the claims).
 */
import { ConfigReader } from '@backstage/config';
import { createMockDirectory, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'yaml';
import { readPortalPermissions } from '@internal/plugin-aws-node';
import { createAuthorizeStackAction } from './authorizeStack';
import { examples as authorizeExamples } from './authorizeStack.examples';
import { createEstimateCostAction } from './estimateCost';
import { examples as estimateExamples } from './estimateCost.examples';
import { createPublishLocalAction } from './publishLocal';
import { examples as publishExamples } from './publishLocal.examples';
import { createRegisterRepositoryAction } from './registerRepository';
import { examples as registerExamples } from './registerRepository.examples';
import { createRenderStackAction } from './renderStack';
import { examples as renderExamples } from './renderStack.examples';
import { createValidateStackAction } from './validateStack';
import { examples as validateExamples } from './validateStack.examples';

jest.setTimeout(120_000);

const inputOf = (examples: { example: string }[]) => yaml.parse(examples[0].example).steps[0].input;

describe('action examples', () => {
  const workspace = createMockDirectory();

  it('renders the skeleton and the stack configuration', async () => {
    const ctx = createMockActionContext({ input: inputOf(renderExamples), workspacePath: workspace.path });
    await createRenderStackAction().handler(ctx);
    const files: string[] = (ctx.output as jest.Mock).mock.calls.find(([name]) => name === 'files')[1];
    expect(files.filter(f => !f.startsWith('vendor/'))).toEqual([
      '.github/workflows/infra.yml',
      '.gitignore',
      'README.md',
      'catalog-info.yaml',
      'cdk.json',
      'infra/app.ts',
      'infra/stack-config.json',
      'package-lock.json',
      'package.json',
      'requirements-cfn-lint.txt',
      'tsconfig.json',
    ]);
    // The construct library's sources, not its tests (standaloneRepository.test.ts builds with them).
    expect(files).toEqual(expect.arrayContaining(['vendor/aws-stacks/README.md', 'vendor/aws-stacks/index.ts', 'vendor/aws-stacks/FargateService.ts']));
    expect(files.filter(f => f.includes('.test.') || f.includes('__testUtils__'))).toEqual([]);
    const info = yaml.parse(workspace.content()!['catalog-info.yaml'] as string);
    expect(info).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'crm-redis',
        annotations: { 'aws.portal/tag-selector': 'Project=CRM-System,Component=cache' },
      },
      spec: { type: 'cache', owner: 'group:default/team-crm' },
    });
  });

  it('validates the rendered stack', async () => {
    const ctx = createMockActionContext({ input: inputOf(validateExamples), workspacePath: workspace.path });
    await createValidateStackAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('findings', []);
  });

  it('estimates its monthly cost from the price table', async () => {
    const ctx = createMockActionContext({ input: inputOf(estimateExamples), workspacePath: workspace.path });
    await createEstimateCostAction().handler(ctx);
    // 3 × cache.r6g.large (1 primary, 2 replicas), 730 h; the environment's
    // NAT gateways are estimated with the environment, not with the cache.
    expect(ctx.output).toHaveBeenCalledWith('monthlyUsd', 451.14);
  });

  it('publishes nothing on a dry run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'publish-local-'));
    const source = createMockDirectory({ content: { 'catalog-info.yaml': 'kind: Component' } });
    const ctx = {
      ...createMockActionContext({ input: inputOf(publishExamples), workspacePath: source.path }),
      isDryRun: true,
    };
    const catalog = catalogServiceMock();
    const addLocation = jest.spyOn(catalog, 'addLocation');
    await createPublishLocalAction({ baseDirectory: base, catalog, auth: mockServices.auth() }).handler(ctx);
    expect(readdirSync(base)).toEqual([]);
    expect(addLocation).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${base}/crm-core-service`);
  });

  it("registers a published repository's catalog file with the portal's own credentials", async () => {
    const catalog = catalogServiceMock();
    const addLocation = jest.spyOn(catalog, 'addLocation').mockResolvedValue({
      location: { id: 'l1', type: 'url', target: '', entityRef: 'location:default/generated-l1' },
      entities: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'crm-core-service' } }],
    });
    const ctx = createMockActionContext({ input: inputOf(registerExamples) });
    await createRegisterRepositoryAction({ catalog, auth: mockServices.auth({ pluginId: 'scaffolder' }) }).handler(ctx);
    const target = 'https://github.com/example-org/crm-core-service/blob/main/catalog-info.yaml';
    expect(addLocation).toHaveBeenCalledWith({ type: 'url', target }, expect.anything());
    const { credentials } = addLocation.mock.calls[0][1] as { credentials: { principal: unknown } };
    expect(credentials.principal).toEqual({ type: 'service', subject: 'plugin:scaffolder' });
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', target);
    expect(ctx.output).toHaveBeenCalledWith('entityRef', 'component:default/crm-core-service');
  });

  it('refuses to register what is not a URL, with the sentence', async () => {
    const ctx = createMockActionContext({ input: { repoContentsUrl: 'crm-core-service', catalogInfoPath: '/catalog-info.yaml' } });
    const action = createRegisterRepositoryAction({ catalog: catalogServiceMock(), auth: mockServices.auth() });
    await expect(action.handler(ctx)).rejects.toThrow('repoContentsUrl: "crm-core-service" is not a URL.');
  });

  it('refuses a stack the constructs cannot build, with the sentence', async () => {
    const input = inputOf(renderExamples);
    input.stackConfig.cache.replicas = 0;
    input.stackConfig.cache.multiAz = true;
    const ctx = createMockActionContext({ input, workspacePath: createMockDirectory().path });
    await expect(createRenderStackAction().handler(ctx)).rejects.toThrow(
      'cache.replicas: A production cache is Multi-AZ with automatic failover, which needs at least one replica; set replicas to 1 or more.',
    );
  });

  it('refuses a production stack to a user outside productionStacks, with the reason, and lets the platform team on', async () => {
    const portal = readPortalPermissions(
      new ConfigReader({ awsPortal: { permissions: { productionStacks: ['group:default/platform-team'] } } }),
    );
    const as = (user: string, group: string) =>
      createAuthorizeStackAction({
        portal,
        auth: mockServices.auth(),
        userInfo: mockServices.userInfo({ userEntityRef: user, ownershipEntityRefs: [user, group] }),
      });
    const ctx = () =>
      createMockActionContext({
        input: inputOf(authorizeExamples),
        getInitiatorCredentials: async () => mockCredentials.user('user:default/carla'),
      });
    await expect(as('user:default/carla', 'group:default/team-crm').handler(ctx())).rejects.toThrow(
      'crm-production is a production environment: only group:default/platform-team may stamp stacks into production environments (awsPortal.permissions.productionStacks), and user:default/carla is not among them.',
    );
    await expect(as('user:default/mai', 'group:default/platform-team').handler(ctx())).resolves.toBeUndefined();
  });
});
