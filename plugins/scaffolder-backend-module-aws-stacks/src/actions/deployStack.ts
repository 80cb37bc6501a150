import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createPlatformApp,
} from '@internal/aws-stacks';
import type { AwsClientFactory } from '@internal/plugin-aws-node';
import { assertBuildable, readStackConfig } from './stackConfig';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examples } from './deployStack.examples';

const MAX_WAIT_SECONDS = 3600;
/** CloudFormation's limit for a template passed inline (TemplateBody). */
const MAX_INLINE_TEMPLATE_BYTES = 51_200;

async function stackExists(cfn: CloudFormationClient, name: string) {
  try {
    const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    return Stacks.some(s => s.StackStatus !== 'REVIEW_IN_PROGRESS' && s.StackStatus !== 'DELETE_COMPLETE');
  } catch (e) {
    if ((e as Error).message?.includes('does not exist')) return false;
    throw e;
  }
}

/** The first failure CloudFormation recorded, in a sentence. */
async function failureReason(cfn: CloudFormationClient, name: string) {
  const { StackEvents = [] } = await cfn.send(new DescribeStackEventsCommand({ StackName: name }));
  const failed = [...StackEvents]
    .reverse()
    .find(e => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason);
  return failed
    ? `${failed.LogicalResourceId} (${failed.ResourceType}) failed: ${failed.ResourceStatusReason}`
    : 'CloudFormation gave no reason';
}

/**
 * `aws:stack:deploy`: synthesizes the stack and deploys it through a
 * CloudFormation change set (create or update), waits, and reports the
 * outputs. A failed deployment rolls back and the task fails with the reason.
 * Registered only when `awsStacks.provision.enabled` is true.
 */
export function createDeployStackAction(options: {
  clients: AwsClientFactory;
  /** Bucket for templates too large to pass inline; in the target account and region. */
  templateBucket?: string;
}) {
  return createTemplateAction({
    id: 'aws:stack:deploy',
    description: 'Deploys the generated stack through a CloudFormation change set and reports its outputs.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        configPath: z =>
          z.string({ description: 'Path of stack-config.json inside the workspace' }).default('infra/stack-config.json'),
      },
      output: {
        stackId: z => z.string({ description: 'The CloudFormation stack' }),
        outputs: z => z.record(z.string(), z.string(), { description: 'Stack outputs' }),
      },
    },
    async handler(ctx) {
      const config = assertBuildable(
        await readStackConfig(ctx.workspacePath, ctx.input.configPath),
        'The stack cannot be deployed',
      );
      const outdir = await mkdtemp(join(tmpdir(), 'aws-stack-deploy-'));
      const { app, stack } = createPlatformApp(config, outdir, { direct: true });
      const template = app.synth().getStackByName(stack.stackName).template;
      const body = JSON.stringify(template);
      if (body.length > MAX_INLINE_TEMPLATE_BYTES && !options.templateBucket) {
        throw new InputError(
          `The template of ${stack.stackName} is ${body.length} bytes; CloudFormation takes at most ${MAX_INLINE_TEMPLATE_BYTES} inline. Set awsStacks.provision.templateBucket to deploy it through S3.`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Would deploy ${stack.stackName} to ${config.account}/${config.region}`);
        ctx.output('stackId', `dry-run:${stack.stackName}`);
        ctx.output('outputs', {});
        return;
      }

      const cfn = await options.clients.create(CloudFormationClient, {
        accountId: config.account,
        region: config.region,
      });
      const name = stack.stackName;
      const update = await stackExists(cfn, name);
      let templateSource: { TemplateBody: string } | { TemplateURL: string } = { TemplateBody: body };
      if (body.length > MAX_INLINE_TEMPLATE_BYTES && options.templateBucket) {
        const s3 = await options.clients.create(S3Client, { accountId: config.account, region: config.region });
        const key = `portal-templates/${name}/${Date.now()}.json`;
        await s3.send(new PutObjectCommand({ Bucket: options.templateBucket, Key: key, Body: body, ContentType: 'application/json' }));
        templateSource = { TemplateURL: `https://${options.templateBucket}.s3.${config.region}.amazonaws.com/${key}` };
        ctx.logger.info(`Uploaded the ${body.length}-byte template to s3://${options.templateBucket}/${key}`);
      }
      const changeSetName = `portal-${Date.now()}`;
      ctx.logger.info(`Creating change set ${changeSetName} (${update ? 'update' : 'create'}) for ${name}`);
      await cfn.send(
        new CreateChangeSetCommand({
          StackName: name,
          ChangeSetName: changeSetName,
          ChangeSetType: update ? 'UPDATE' : 'CREATE',
          ...templateSource,
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
          Tags: Object.entries({
            Project: config.tags.project,
            Environment: config.environment,
            Component: config.tags.component,
            Owner: config.tags.owner,
            CostCenter: config.tags.costCenter,
            ManagedBy: 'cdk',
            'backstage.io/entity': config.tags.entityRef,
          }).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      await waitUntilChangeSetCreateComplete(
        { client: cfn, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 10 },
        { StackName: name, ChangeSetName: changeSetName },
      ).catch(async e => {
        throw new InputError(`The change set for ${name} could not be created: ${e.message ?? e}`);
      });
      await cfn.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: changeSetName }));
      ctx.logger.info(`Executing ${changeSetName}`);
      const wait = update ? waitUntilStackUpdateComplete : waitUntilStackCreateComplete;
      try {
        await wait({ client: cfn, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 15 }, { StackName: name });
      } catch {
        throw new InputError(
          `Deploying ${name} failed and CloudFormation rolled it back: ${await failureReason(cfn, name)}.`,
        );
      }
      const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
      const outputs = Object.fromEntries(
        (Stacks[0]?.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue ?? '']),
      );
      ctx.logger.info(`Deployed ${name} (${Stacks[0]?.StackStatus})`);
      ctx.output('stackId', Stacks[0]?.StackId ?? name);
      ctx.output('outputs', outputs);
    },
  });
}
