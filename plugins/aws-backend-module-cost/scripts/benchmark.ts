/*
 * Benchmark of cost collection and serving (not a test: it prints figures).
 * A payer account with 60 cost centers × 40 services, 13 months of monthly
 * and 90 days of daily spend, spread over 12 linked accounts, plus untagged
 * spend; 600 components annotated with the cost centers (10 each, 20 teams).
 *
 * GetCostAndUsage is answered by moto_server from queued canned results (moto
 * ignores GroupBy; the results are shaped as Cost Explorer groups them), cut
 * into pages of BENCH_PAGE_GROUPS groups (Cost Explorer does not document its
 * page size; 5,000 is this benchmark's assumption). moto has no
 * GetCostForecast, GetAnomalies or ListCostAllocationTags: a recorded-answer
 * double answers those in the SDK's middleware and they are counted the same.
 *
 * The collector is run as the pipeline runs it: every hour for two days (48
 * collections); Cost Explorer requests are counted per UTC day and query.
 * On the first day the forecast fails (throttled) for the first
 * BENCH_FORECAST_FAILURES (3) collections: only it is asked again, hourly,
 * the queries that answered are not.
 * Then the Cost page's endpoint is loaded as finance (the whole answer) and
 * as a team member (a conditional decision: the rows of the team's entities).
 *
 *   yarn workspace @internal/plugin-aws-backend-module-cost benchmark
 *
 * Options (environment): BENCH_CENTERS (60), BENCH_SERVICES (40),
 * BENCH_PAGE_GROUPS (5000), BENCH_CLIENTS (20), BENCH_REQUESTS (1000).
 */
import { resolvePackagePath, type PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CollectionStore, EntityDirectory, SourceRuntime } from '@internal/plugin-aws-backend';
import { quietLogger, reportLoad, serveSources } from '@internal/plugin-aws-backend/testUtils';
import { AwsClientFactory, readAwsPortalSettings } from '@internal/plugin-aws-node';
import { motoPortalConfig, type RecordedAnswer, runScript, startMotoServer, useRecordedAnswers } from '@internal/plugin-aws-node/testUtils';
import knexFactory from 'knex';
import { createCostCollector } from '../src/costCollector';
import { addDays, addMonths, day } from '../src/dates';
import { DAILY_DAYS, MONTHS } from '../src/AwsCostSource';

const CENTERS = Number(process.env.BENCH_CENTERS ?? 60);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 40);
const PAGE_GROUPS = Number(process.env.BENCH_PAGE_GROUPS ?? 5000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const LINKED_ACCOUNTS = 12;
const FORECAST_FAILURES = Number(process.env.BENCH_FORECAST_FAILURES ?? 3);
let forecastFailuresLeft = FORECAST_FAILURES;

const center = (c: number) => (c === CENTERS ? '' : `cc-${String(c).padStart(2, '0')}`);
const service = (s: number) => `Service ${String(s).padStart(2, '0')}`;
const account = (c: number) => String(100000000000 + (c % LINKED_ACCOUNTS) * 1111).padStart(12, '0');

/** One query's answer as Cost Explorer pages it: periods in order, groups cut at PAGE_GROUPS. */
function pagesOf(periods: Array<{ start: string; end: string }>, groupsOf: (p: number) => Array<[string, string, number]>) {
  const pages: Array<{ ResultsByTime: unknown[]; NextPageToken?: string }> = [];
  let current: unknown[] = [];
  let count = 0;
  const flush = () => {
    pages.push({ ResultsByTime: current });
    current = [];
    count = 0;
  };
  periods.forEach((p, i) => {
    let groups: unknown[] = [];
    for (const [tag, value, amount] of groupsOf(i)) {
      groups.push({ Keys: [`CostCenter$${tag}`, value], Metrics: { UnblendedCost: { Amount: amount.toFixed(4), Unit: 'USD' } } });
      if (++count === PAGE_GROUPS) {
        current.push({ TimePeriod: { Start: p.start, End: p.end }, Groups: groups, Estimated: false });
        groups = [];
        flush();
      }
    }
    if (groups.length) current.push({ TimePeriod: { Start: p.start, End: p.end }, Groups: groups, Estimated: false });
  });
  if (current.length) flush();
  pages.forEach((page, i) => {
    if (i < pages.length - 1) page.NextPageToken = `page-${i + 2}`;
  });
  return pages;
}

function cannedDay(today: string) {
  const dailyStart = addDays(today, -DAILY_DAYS);
  const monthStart = addMonths(today.slice(0, 7), -(MONTHS - 1));
  const days = Array.from({ length: DAILY_DAYS }, (_, i) => ({ start: addDays(dailyStart, i), end: addDays(dailyStart, i + 1) }));
  const months = Array.from({ length: MONTHS }, (_, i) => ({ start: `${addMonths(monthStart, i)}-01`, end: `${addMonths(monthStart, i + 1)}-01` }));
  const everyCenterService = (scale: number) => {
    const out: Array<[string, string, number]> = [];
    for (let c = 0; c <= CENTERS; c++) for (let s = 0; s < SERVICES; s++) out.push([center(c), service(s), scale * (1 + ((c * 7 + s * 13) % 50))]);
    return out;
  };
  const daily = pagesOf(days, () => everyCenterService(1));
  const monthlyService = pagesOf(months, () => everyCenterService(30));
  const monthlyAccount = pagesOf(months, () =>
    Array.from({ length: CENTERS + 1 }, (_, c) => [center(c), account(c), 30 * SERVICES * 25] as [string, string, number]),
  );
  return { daily, monthlyService, monthlyAccount };
}

const RECORDED: Record<string, RecordedAnswer> = {
  GetCostForecastCommand: {
    output: () => {
      if (forecastFailuresLeft > 0) {
        forecastFailuresLeft--;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      return { Total: { Amount: '1800000', Unit: 'USD' }, ForecastResultsByTime: [{ MeanValue: '1800000' }] };
    },
  },
  GetAnomaliesCommand: {
    output: {
      Anomalies: [
        {
          AnomalyId: 'bench',
          AnomalyStartDate: '2026-11-20T00:00:00Z',
          Impact: { MaxImpact: 500, TotalImpact: 1500 },
          MonitorArn: 'arn:aws:ce::123456789012:anomalymonitor/services',
          AnomalyScore: { MaxScore: 1, CurrentScore: 1 },
          RootCauses: [{ Service: service(3) }],
        },
      ],
    },
  },
  ListCostAllocationTagsCommand: { output: { CostAllocationTags: [{ TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Active' }] } },
};

async function main() {
  const moto = await startMotoServer();
  try {
    const config = new ConfigReader(motoPortalConfig({ endpoint: moto.endpoint, regions: ['us-east-1'] }));
    const { accountRegions } = readAwsPortalSettings(config);
    const payer = accountRegions[0].accountId;
    const factory = AwsClientFactory.fromConfig(config);
    const sent = useRecordedAnswers(factory, RECORDED);

    const queue = async (today: string) => {
      const t0 = performance.now();
      const { daily, monthlyService, monthlyAccount } = cannedDay(today);
      const results = [...daily, ...monthlyService, ...monthlyAccount];
      const body = JSON.stringify({ account_id: payer, results });
      const res = await fetch(`${moto.endpoint}/moto-api/static/ce/cost-and-usage-results`, { method: 'POST', body });
      if (res.status !== 201) throw new Error(`moto refused the canned results: ${res.status}`);
      console.log(
        `canned answers for ${today}: ${daily.length} + ${monthlyService.length} + ${monthlyAccount.length} pages, ${(body.length / 1024 / 1024).toFixed(1)} MiB (queued in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    };

    const db = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-aws-backend', 'migrations') });
    const entities: Entity[] = Array.from({ length: CENTERS * 10 }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${i}`, annotations: { 'aws.portal/cost-center': center(i % CENTERS) } },
      spec: { owner: `team-${i % 20}`, system: `system-${i % 30}` },
    }));
    let now = new Date('2026-11-25T00:30:00Z');
    const runtime = new SourceRuntime({
      collector: createCostCollector({ payerAccountId: payer }),
      store: new CollectionStore(db),
      clients: factory,
      directory: new EntityDirectory({ catalog: catalogServiceMock({ entities }), auth: mockServices.auth(), logger: quietLogger }),
      accountRegions,
      demo: false,
      logger: quietLogger,
      staleAfterMs: 3 * 3600_000,
      clock: () => now,
    });

    const start = now.getTime();
    const perDay = new Map<string, Record<string, number>>();
    let slowest = 0;
    for (let hour = 0; hour < 48; hour++) {
      now = new Date(start + hour * 3600_000);
      const today = day(now);
      if (!perDay.has(today)) {
        await queue(today);
        perDay.set(today, {});
      }
      sent.length = 0;
      const t0 = performance.now();
      await runtime.collectAll();
      const wall = performance.now() - t0;
      if (sent.length) slowest = Math.max(slowest, wall);
      const counts = perDay.get(today)!;
      for (const op of sent) counts[op] = (counts[op] ?? 0) + 1;
    }
    let first = true;
    for (const [today, counts] of perDay) {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const failing = first && FORECAST_FAILURES > 0 ? `, the forecast failing in the first ${FORECAST_FAILURES} collections` : '';
      console.log(
        `${today}: ${total} Cost Explorer requests in 24 hourly collections (USD ${(total * 0.01).toFixed(2)})${failing}; by query, GetCostAndUsage's pages included: ${JSON.stringify(counts)}`,
      );
      first = false;
    }
    console.log(`SDK attempts counted by the client factory: ${factory.calls.total()} for ${factory.calls.commands()} commands`);
    console.log(`collection that asked Cost Explorer: ${(slowest / 1000).toFixed(2)} s wall (the slowest)`);

    const answer = await runtime.fleetAnswer();
    const fleet = JSON.parse(answer.json);
    console.log(
      `fleet answer: ${fleet.items.length} cost centers, ${(answer.json.length / 1024).toFixed(0)} KiB JSON, ${(answer.gzip.length / 1024).toFixed(0)} KiB gzip`,
    );
    const before = sent.length;
    const finance = await serveSources([runtime]);
    await reportLoad('/cost/fleet (finance: allowed)', `${finance.baseUrl}/cost/fleet`, CLIENTS, REQUESTS);
    await reportLoad('/cost/entity/…/svc-7', `${finance.baseUrl}/cost/entity/default/component/svc-7`, CLIENTS, REQUESTS);
    await finance.close();
    // A team member: the policy answers CONDITIONAL and the rows are filtered
    // by a batched decision per owning entity. The stand-in decides in memory,
    // so the figure is the router's filtering, not the permission backend's hop.
    const team = entities.filter(e => (e.spec as { owner: string }).owner === 'team-3').map(e => `component:default/${e.metadata.name}`);
    const permissions: PermissionsService = {
      authorizeConditional: async reqs => reqs.map(() => ({ result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['group:default/team-3'] } } })),
      authorize: async reqs => reqs.map(r => ({ result: team.includes((r as { resourceRef?: string }).resourceRef ?? '') ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })),
    } as PermissionsService;
    const member = await serveSources([runtime], { permissions });
    const one = await fetch(`${member.baseUrl}/cost/fleet`);
    const rows = (await one.json()).items.length;
    await reportLoad(`/cost/fleet (team member: ${rows} of ${fleet.items.length} rows)`, `${member.baseUrl}/cost/fleet`, CLIENTS, REQUESTS);
    await member.close();
    console.log(`Cost Explorer requests made by page views: ${sent.length - before}`);
    await db.destroy();
  } finally {
    await moto.stop();
  }
}

runScript(main);
