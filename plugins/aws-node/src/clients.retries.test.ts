/*
 * What the call counter counts when AWS throttles: every attempt the SDK's
 * retry strategy sends. No emulator produces a throttling storm, so the
 * client's HTTP handler is a stand-in that answers ThrottlingException a
 * given number of times before it answers; everything above it (the SDK's
 * adaptive retry, deserialisation, our middleware) is the real thing.
 */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { Readable } from 'node:stream';
import { AwsClientFactory } from './clients';

const where = { accountId: '111111111111', region: 'us-east-1' };

function throttlingHandler(throttles: number) {
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    handler: {
      async handle() {
        sent++;
        const throttled = sent <= throttles;
        const body = throttled
          ? { __type: 'ThrottlingException', message: 'Rate exceeded' }
          : { clusterArns: ['arn:aws:ecs:us-east-1:111111111111:cluster/a'] };
        return {
          response: {
            statusCode: throttled ? 400 : 200,
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `r${sent}` },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  };
}

function factory(maxAttempts: number) {
  return new AwsClientFactory(
    { getCredentialProvider: async () => ({ sdkCredentialProvider: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) }) } as any,
    maxAttempts,
  );
}

it('counts each attempt of a throttled command, not the command once', async () => {
  const clients = factory(5);
  const http = throttlingHandler(2);
  const ecs = await clients.create(ECSClient, where, { requestHandler: http.handler });
  const out = await ecs.send(new ListClustersCommand({}));
  expect(out.clusterArns).toHaveLength(1);
  expect(http.sent).toBe(3);
  expect(clients.calls.byOperation()).toEqual({ 'ECSClient.ListClustersCommand': 3 });
  expect(clients.calls.total()).toBe(3);
  expect(clients.calls.commands()).toBe(1);
});

it('counts the attempts of a command that failed after every retry', async () => {
  const clients = factory(3);
  const http = throttlingHandler(10);
  const ecs = await clients.create(ECSClient, where, { requestHandler: http.handler });
  await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
  expect(http.sent).toBe(3);
  expect(clients.calls.total()).toBe(3);
  expect(clients.calls.commands()).toBe(1);
});
