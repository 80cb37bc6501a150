/*
 * The access layer against moto_server: two accounts (static keys, and
 * assume-role into a second account through STS), two regions, the endpoint
 * override set by configuration only.
 */
import { ConfigReader } from '@backstage/config';
import { DescribeAlarmsCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  CreateClusterCommand,
  ECSClient,
  ListClustersCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
import { AwsClientFactory } from './clients';
import { readAwsPortalSettings } from './config';
import { AwsResourceLocator } from './locator';
import {
  MOTO_MAIN_ACCOUNT,
  motoPortalConfig,
  useMotoServer,
} from './testUtils';

const SECOND_ACCOUNT = '222222222222';

const moto = useMotoServer();
let config: ConfigReader;

beforeAll(() => {
  config = new ConfigReader(
    motoPortalConfig({
      endpoint: moto().endpoint,
      regions: ['us-east-1', 'us-west-2'],
      assumeRoleInto: [SECOND_ACCOUNT],
    }),
  );
});

it('reads two accounts × two regions and leaves demo mode', () => {
  expect(readAwsPortalSettings(config)).toMatchObject({
    demo: false,
    endpoint: moto().endpoint,
    accountRegions: [
      { accountId: MOTO_MAIN_ACCOUNT, region: 'us-east-1' },
      { accountId: MOTO_MAIN_ACCOUNT, region: 'us-west-2' },
      { accountId: SECOND_ACCOUNT, region: 'us-east-1' },
      { accountId: SECOND_ACCOUNT, region: 'us-west-2' },
    ],
  });
});

it('keeps accounts and regions apart, assuming a role into the second account', async () => {
  const factory = AwsClientFactory.fromConfig(config);
  const targets = readAwsPortalSettings(config).accountRegions;
  for (const target of targets) {
    const ecs = await factory.create(ECSClient, target);
    await ecs.send(
      new CreateClusterCommand({
        clusterName: `c-${target.accountId}-${target.region}`,
      }),
    );
  }
  for (const target of targets) {
    const ecs = await factory.create(ECSClient, target);
    const { clusterArns } = await ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([
      `arn:aws:ecs:${target.region}:${target.accountId}:cluster/c-${target.accountId}-${target.region}`,
    ]);
  }
  expect(factory.calls.byOperation()).toEqual({
    'ECSClient.CreateClusterCommand': 4,
    'ECSClient.ListClustersCommand': 4,
  });
});

it('finds an entity’s resources by tag through the tagging API', async () => {
  const factory = AwsClientFactory.fromConfig(config);
  const target = { accountId: SECOND_ACCOUNT, region: 'us-west-2' };
  const ecs = await factory.create(ECSClient, target);
  const { cluster } = await ecs.send(
    new CreateClusterCommand({ clusterName: 'tagged' }),
  );
  await ecs.send(
    new TagResourceCommand({
      resourceArn: cluster!.clusterArn,
      tags: [
        { key: 'Project', value: 'CRM-System' },
        { key: 'Component', value: 'core' },
      ],
    }),
  );
  const locator = new AwsResourceLocator(factory);
  const found = await locator.find(
    { tags: { Project: 'CRM-System', Component: 'core' }, arns: [] },
    readAwsPortalSettings(config).accountRegions,
  );
  expect(found.map(r => r.arn)).toEqual([cluster!.clusterArn]);
  expect(found[0]).toMatchObject({ accountId: SECOND_ACCOUNT, region: 'us-west-2' });
});

it('assumes the role once per account, however many clients and regions use it', async () => {
  // The credential manager's own provider, counted: each call is one
  // AssumeRole against moto's STS.
  const manager = DefaultAwsCredentialsManager.fromConfig(config);
  let assumed = 0;
  const counting = {
    getCredentialProvider: async (options: { accountId?: string }) => {
      const provider = await manager.getCredentialProvider(options);
      return {
        ...provider,
        sdkCredentialProvider: async () => {
          assumed++;
          return provider.sdkCredentialProvider();
        },
      };
    },
  };
  const factory = AwsClientFactory.fromConfig(config, { credentialsManager: counting as any });
  for (const region of ['us-east-1', 'us-west-2']) {
    const target = { accountId: SECOND_ACCOUNT, region };
    await (await factory.create(ECSClient, target)).send(new ListClustersCommand({}));
    await (await factory.create(CloudWatchClient, target)).send(new DescribeAlarmsCommand({}));
  }
  // Four clients (two classes in two regions), one AssumeRole.
  expect(assumed).toBe(1);
  expect(factory.calls.byOperation()).toEqual({ 'ECSClient.ListClustersCommand': 2, 'CloudWatchClient.DescribeAlarmsCommand': 2 });
});
