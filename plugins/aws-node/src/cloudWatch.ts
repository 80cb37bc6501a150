import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { AwsJson1_0Protocol } from '@aws-sdk/core/protocols';
import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsClientFactory } from './clients';

/**
 * A CloudWatch client for one account × region, pinned to the AWS JSON 1.0
 * protocol. CloudWatch also speaks Query and Smithy RPC v2 CBOR, and SDK
 * releases have changed their default between them; JSON 1.0 is what AWS
 * and the emulator used in tests (moto) both answer, so it is named here
 * rather than left to the SDK's default. Every CloudWatch call of the portal
 * goes through this function.
 *
 * @public
 */
export function createCloudWatchClient(
  clients: AwsClientFactory,
  accountRegion: Pick<AccountRegion, 'accountId' | 'region'>,
): Promise<CloudWatchClient> {
  return clients.create(CloudWatchClient, accountRegion, { protocol: AwsJson1_0Protocol });
}

/** GetMetricData takes at most 500 queries a call. @public */
export const METRIC_QUERIES_PER_CALL = 500;

/**
 * Reads metric data queries with as few GetMetricData calls as the API
 * allows: 500 queries a call, every page of each call. Query ids must be
 * unique across `queries`. Returns each id's points as `[epoch ms, value]`,
 * oldest first, whatever order CloudWatch pages them in.
 *
 * @public
 */
export async function readMetricData(
  cloudwatch: CloudWatchClient,
  queries: MetricDataQuery[],
  window: { start: Date; end: Date },
  options: { concurrency?: number } = {},
): Promise<Map<string, Array<[number, number]>>> {
  const points = new Map<string, Array<[number, number]>>();
  const batches: MetricDataQuery[][] = [];
  for (let i = 0; i < queries.length; i += METRIC_QUERIES_PER_CALL) {
    batches.push(queries.slice(i, i + METRIC_QUERIES_PER_CALL));
  }
  const read = async (batch: MetricDataQuery[]) => {
    let NextToken: string | undefined;
    do {
      const page = await cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampAscending',
          NextToken,
        }),
      );
      for (const r of page.MetricDataResults ?? []) {
        if (!r.Id) continue;
        const list = points.get(r.Id) ?? [];
        (r.Timestamps ?? []).forEach((t, k) => list.push([t.getTime(), r.Values![k]]));
        points.set(r.Id, list);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  };
  const concurrency = Math.max(1, options.concurrency ?? 1);
  for (let i = 0; i < batches.length; i += concurrency) {
    await Promise.all(batches.slice(i, i + concurrency).map(read));
  }
  for (const list of points.values()) list.sort((a, b) => a[0] - b[0]);
  return points;
}
