import {
  type Capability,
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createPlatformApp, platformTagRecord } from '@internal/aws-stacks';
import type { AwsClientFactory } from '@internal/plugin-aws-node';
import { assertBuildable, configPathInput, readStackConfig } from './stackConfig';
import { examples } from './deployStack.examples';

const MAX_WAIT_SECONDS = 3600;
/** CloudFormation's limit for a template passed inline (TemplateBody). */
const MAX_INLINE_TEMPLATE_BYTES = 51_200;

/** Whether the stack exists; one left empty by a change set that never ran is removed first, so it can be created. */
async function stackExists(cfn: CloudFormationClient, name: string, log: (message: string) => void) {
  try {
    const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    const live = Stacks.filter(s => s.StackStatus !== 'DELETE_COMPLETE');
    if (live.length > 0 && live.every(s => s.StackStatus === 'REVIEW_IN_PROGRESS')) {
      log(`${name} is an empty stack left by a change set that never ran; deleting it so it can be created.`);
      await cfn.send(new DeleteStackCommand({ StackName: name }));
      await waitUntilStackDeleteComplete({ client: cfn, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 10 }, { StackName: name });
      return false;
    }
    return live.length > 0;
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
 * `aws:stack:deploy`: synthesizes the stack and deploys it: a new stack with
 * CreateStack, an existing one through a change set whose changes go to the
 * task log first (nothing to change: said so, and nothing runs); waits, and
 * reports the outputs. A failed deployment rolls back and the task fails with
 * the reason.
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
        configPath: configPathInput,
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
      // Removed by the scaffolder when the task ends.
      const outdir = await ctx.createTemporaryDirectory();
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
      const update = await stackExists(cfn, name, message => ctx.logger.info(message));
      let templateSource: { TemplateBody: string } | { TemplateURL: string } = { TemplateBody: body };
      if (body.length > MAX_INLINE_TEMPLATE_BYTES && options.templateBucket) {
        const s3 = await options.clients.create(S3Client, { accountId: config.account, region: config.region });
        const key = `portal-templates/${name}/${Date.now()}.json`;
        await s3.send(new PutObjectCommand({ Bucket: options.templateBucket, Key: key, Body: body, ContentType: 'application/json' }));
        templateSource = { TemplateURL: `https://${options.templateBucket}.s3.${config.region}.amazonaws.com/${key}` };
        ctx.logger.info(`Uploaded the ${body.length}-byte template to s3://${options.templateBucket}/${key}`);
      }
      const tags = Object.entries(platformTagRecord({ ...config.tags, environment: config.environment })).map(([Key, Value]) => ({ Key, Value }));
      const capabilities: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'];
      if (!update) {
        // Everything is new: nothing for a change set to show.
        await cfn.send(
          new CreateStackCommand({
            StackName: name,
            ...templateSource,
            Capabilities: capabilities,
            Tags: tags,
            OnFailure: 'ROLLBACK',
            // The SDK retries a request that failed on the way; the token makes a retried create the same create.
            ClientRequestToken: `portal-create-${Date.now()}`,
          }),
        );
        ctx.logger.info(`Creating ${name}`);
      } else {
        const changeSetName = `portal-${Date.now()}`;
        ctx.logger.info(`Creating change set ${changeSetName} for ${name}`);
        await cfn.send(
          new CreateChangeSetCommand({
            StackName: name,
            ChangeSetName: changeSetName,
            ChangeSetType: 'UPDATE',
            ...templateSource,
            Capabilities: capabilities,
            Tags: tags,
          }),
        );
        const created = await waitUntilChangeSetCreateComplete(
          { client: cfn, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 10 },
          { StackName: name, ChangeSetName: changeSetName },
        ).catch(e => e as Error);
        const changeSet = await cfn.send(new DescribeChangeSetCommand({ StackName: name, ChangeSetName: changeSetName }));
        if (changeSet.Status === 'FAILED' && /didn't contain changes|No updates/i.test(changeSet.StatusReason ?? '')) {
          ctx.logger.info(`${name} is already as the configuration describes; nothing to change.`);
          await cfn.send(new DeleteChangeSetCommand({ StackName: name, ChangeSetName: changeSetName }));
          await reportOutputs(cfn, name, ctx);
          return;
        }
        if (created instanceof Error || changeSet.Status !== 'CREATE_COMPLETE') {
          throw new InputError(`The change set for ${name} could not be created: ${changeSet.StatusReason ?? (created as Error).message}`);
        }
        for (const change of changeSet.Changes ?? []) {
          const r = change.ResourceChange;
          if (r) ctx.logger.info(`${r.Action} ${r.LogicalResourceId} (${r.ResourceType})${r.Replacement === 'True' ? ', replaced' : ''}`);
        }
        await cfn.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: changeSetName }));
        ctx.logger.info(`Executing ${changeSetName}`);
      }
      const wait = update ? waitUntilStackUpdateComplete : waitUntilStackCreateComplete;
      try {
        await wait({ client: cfn, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 15 }, { StackName: name });
      } catch {
        throw new InputError(
          `Deploying ${name} failed and CloudFormation rolled it back: ${await failureReason(cfn, name)}.`,
        );
      }
      await reportOutputs(cfn, name, ctx);
    },
  });
}

/** Logs the stack's status and gives its id and outputs as the step's outputs. */
async function reportOutputs(
  cfn: CloudFormationClient,
  name: string,
  ctx: { logger: { info(message: string): void }; output(name: 'stackId' | 'outputs', value: any): void },
) {
  const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  const outputs = Object.fromEntries((Stacks[0]?.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue ?? '']));
  ctx.logger.info(`Deployed ${name} (${Stacks[0]?.StackStatus})`);
  ctx.output('stackId', Stacks[0]?.StackId ?? name);
  ctx.output('outputs', outputs);
}
