/*
 * The CloudWatch client as every source gets it, against moto_server: the
 * protocol is the pinned AWS JSON 1.0 (moto has no CBOR), and readMetricData
 * splits queries into calls of 500 and gives each id its points oldest first.
 */
import { ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from './clients';
import { readAwsPortalSettings } from './config';
import { createCloudWatchClient, readMetricData } from './cloudWatch';
import { motoPortalConfig, useMotoServer } from './testUtils';

jest.setTimeout(60_000);

const moto = useMotoServer();

it('speaks AWS JSON 1.0 and reads 600 queries in two calls, oldest point first', async () => {
  const config = new ConfigReader(motoPortalConfig({ endpoint: moto().endpoint, regions: ['us-east-1'] }));
  const clients = AwsClientFactory.fromConfig(config);
  const [where] = readAwsPortalSettings(config).accountRegions;
  const cloudwatch = await createCloudWatchClient(clients, where);

  const contentTypes: string[] = [];
  cloudwatch.middlewareStack.add(
    next => async args => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      contentTypes.push(headers['content-type'] ?? headers['Content-Type']);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'captureContentType' },
  );
  await cloudwatch.send(new ListMetricsCommand({}));
  expect(contentTypes).toEqual(['application/x-amz-json-1.0']);

  const now = Date.now();
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'Portal/Test',
      MetricData: [3, 2, 1].map(minutes => ({
        MetricName: 'Depth',
        Dimensions: [{ Name: 'Queue', Value: 'jobs' }],
        Timestamp: new Date(now - minutes * 60_000),
        Value: 10 * minutes,
      })),
    }),
  );
  clients.calls.reset();
  const queries = Array.from({ length: 600 }, (_, i) => ({
    Id: `q${i}`,
    MetricStat: {
      Metric: {
        Namespace: 'Portal/Test',
        MetricName: 'Depth',
        Dimensions: [{ Name: 'Queue', Value: i === 599 ? 'jobs' : `other-${i}` }],
      },
      Period: 60,
      Stat: 'Maximum',
    },
  }));
  const points = await readMetricData(cloudwatch, queries, {
    start: new Date(now - 10 * 60_000),
    end: new Date(now),
  });
  expect(clients.calls.byOperation()['CloudWatchClient.GetMetricDataCommand']).toBe(2);
  expect(points.get('q599')!.map(([, v]) => v)).toEqual([30, 20, 10]);
  expect(points.get('q0') ?? []).toEqual([]);
});
