/*
 * The forms' field checks, served by the module beside the scaffolder's own
 * routes in a test backend; the chosen environment is a catalog entity (the
 * catalog service's test double holds it).
 */
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FIELD_RULES } from '@internal/aws-stacks';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleAwsStacks } from '../module';

const environment = (name: string, profile: string, zones?: number) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'aws.portal/environment': profile,
      'aws.portal/region': 'us-east-1',
      'aws.portal/account-id': '111111111111',
      ...(zones ? { 'aws.portal/zones': String(zones) } : {}),
    },
  },
  spec: { type: 'platform-environment', owner: 'group:default/platform-team' },
});

/** A database a replica form picks: where its ARN says it is (it has no Region or account annotation). */
const database = (name: string, arn: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations: { 'aws.portal/arns': arn } },
  spec: { type: 'database', owner: 'group:default/team-crm' },
});

const ENTITIES = [
  environment('crm-staging', 'staging', 2),
  environment('crm-production', 'production'),
  environment('crm-production-2az', 'production', 2),
  database('crm-postgres', 'arn:aws:rds:us-east-1:111111111111:db:crm-postgres-production'),
  database('crm-postgres-elsewhere', 'arn:aws:rds:us-west-2:222222222222:db:crm-postgres-production'),
];
const askedAs: unknown[] = [];
let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

beforeAll(async () => {
  ({ server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleAwsStacks,
      // No token, no caller (the test backend's default is a signed-in user).
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      mockServices.rootConfig.factory({ data: { backend: { baseUrl: 'http://localhost:7007' } } }),
      catalogServiceMock.mock({
        // The catalog's own test double answers whoever asks; this one records who asked.
        getEntityByRef: async (ref, options) => {
          askedAs.push(options && 'credentials' in options ? options.credentials : undefined);
          const name = typeof ref === 'string' ? ref.split('/').pop() : ref.name;
          return ENTITIES.find(e => e.metadata.name === name);
        },
      }).factory,
    ],
  }));
});

const check = (body: unknown) =>
  request(server).post('/api/scaffolder/aws-stacks/field-checks').set('Authorization', mockCredentials.user.header()).send(body as object);

describe('POST /api/scaffolder/aws-stacks/field-checks', () => {
  it("checks brokers against the chosen environment's zones, not its profile's", async () => {
    const threeOnTwo = await check({ rules: ['kafka.brokers-per-zone'], answers: { platformEnvironment: 'resource:default/crm-production-2az', brokers: 3 } });
    expect(threeOnTwo.status).toBe(200);
    expect(threeOnTwo.body).toEqual({
      environment: true,
      problems: { 'kafka.brokers-per-zone': "MSK spreads brokers evenly over the environment's 2 zones; 3 brokers is not a multiple of 2 (choose 2 or 4)." },
    });
    // A production environment without the annotation has its profile's 3 zones.
    const three = await check({ rules: ['kafka.brokers-per-zone'], answers: { platformEnvironment: 'resource:default/crm-production', brokers: 3 } });
    expect(three.body.problems).toEqual({});
  });

  it("reads the profile from the environment: a sharded production cache's node type, Multi-AZ, Performance Insights", async () => {
    const answers = { nodeType: 'cache.t4g.small', shards: 3, multiAz: false, replicas: 1, instanceClass: 'db.t3.micro' };
    const rules = ['cache.node-type-for-shards', 'cache.production-multi-az', 'database.class-has-performance-insights'];
    const staging = await check({ rules, answers: { ...answers, platformEnvironment: 'resource:default/crm-staging' } });
    // db.t3.micro in staging: its profile turns Performance Insights on too.
    expect(Object.keys(staging.body.problems)).toEqual(['database.class-has-performance-insights']);
    const production = await check({ rules, answers: { ...answers, platformEnvironment: 'resource:default/crm-production' } });
    expect(production.body.problems).toEqual({
      'cache.node-type-for-shards': expect.stringContaining('choose cache.m6g.large or cache.r6g.large, or keep 1 shard'),
      'cache.production-multi-az': expect.stringContaining('leave Multi-AZ on'),
      'database.class-has-performance-insights': 'A production database has Performance Insights, which db.t3.micro lacks; choose db.t3.medium or larger.',
    });
  });

  it('answers bad requests with a sentence, and an environment it cannot see with no verdict', async () => {
    const unknown = await check({ rules: ['kafka.brokers'], answers: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^rules\.0: kafka\.brokers is not a field rule; the rules are service\.min-below-max, /);
    const noAnswers = await check({ rules: ['kafka.brokers-per-zone'] });
    expect(noAnswers.status).toBe(400);
    expect(noAnswers.body.error.message).toBe("answers: answers must be the form's answers, an object.");
    const missing = await check({ rules: ['kafka.brokers-per-zone'], answers: { platformEnvironment: 'resource:default/nowhere', brokers: 3 } });
    expect(missing.body).toEqual({ problems: {}, environment: false });
    const notChosen = await check({ rules: ['kafka.brokers-per-zone'], answers: { brokers: 3 } });
    expect(notChosen.body).toEqual({ problems: {}, environment: false });
  });

  it("reads the environment as the caller, refuses a malformed reference with a sentence, and leaves the scaffolder's own bodies alone", async () => {
    askedAs.length = 0;
    await check({ rules: ['kafka.brokers-per-zone'], answers: { platformEnvironment: 'resource:default/crm-staging', brokers: 2 } });
    expect(askedAs).toEqual([expect.objectContaining({ principal: expect.objectContaining({ type: 'user', userEntityRef: 'user:default/mock' }) })]);
    const bare = await check({ rules: ['kafka.brokers-per-zone'], answers: { platformEnvironment: 'crm staging', brokers: 3 } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toBe('answers.platformEnvironment: "crm staging" is not an entity reference such as resource:default/crm-production.');
    // Rules that read no environment answer before one is chosen.
    const early = await check({ rules: ['service.min-below-max', 'kafka.brokers-per-zone'], answers: { minCount: 3, maxCount: 2, brokers: 3 } });
    expect(early.body).toEqual({ environment: false, problems: { 'service.min-below-max': expect.stringMatching(/^Minimum tasks \(3\) is above maximum tasks \(2\)/) } });
    // A body over this route's limit elsewhere under /api/scaffolder reaches the scaffolder's own parser.
    const big = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template: {}, values: { blob: 'x'.repeat(300_000) }, directoryContents: [] });
    expect(big.status).not.toBe(413);
  });

  it("reads where a picked entity lives from its ARN, against the environment's Region and account", async () => {
    const rules = ['replica.source-in-another-region', 'replica.source-same-account'];
    const here = await check({ rules, answers: { platformEnvironment: 'resource:default/crm-production', sourceDatabase: 'resource:default/crm-postgres' } });
    expect(here.body).toEqual({
      environment: true,
      problems: { 'replica.source-in-another-region': expect.stringMatching(/^The source database is in us-east-1, the chosen environment's Region; .*e\.g\. us-west-2\.$/) },
    });
    const elsewhere = await check({ rules, answers: { platformEnvironment: 'resource:default/crm-production', sourceDatabase: 'resource:default/crm-postgres-elsewhere' } });
    expect(elsewhere.body.problems).toEqual({
      'replica.source-same-account': 'The source database is in account 222222222222 and the chosen environment in 111111111111; RDS replicates within one account, so choose an environment of account 222222222222.',
    });
    // One the caller cannot see, or none picked yet: no verdict.
    const unseen = await check({ rules, answers: { platformEnvironment: 'resource:default/crm-production', sourceDatabase: 'resource:default/secret-db' } });
    expect(unseen.body).toEqual({ environment: true, problems: {} });
    const notYet = await check({ rules, answers: { platformEnvironment: 'resource:default/crm-production' } });
    expect(notYet.body).toEqual({ environment: true, problems: {} });
    const bad = await check({ rules, answers: { platformEnvironment: 'resource:default/crm-production', sourceDatabase: 'the big one' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('answers.sourceDatabase: "the big one" is not an entity reference such as resource:default/crm-production.');
  });

  it('needs a signed-in caller', async () => {
    const res = await request(server).post('/api/scaffolder/aws-stacks/field-checks').send({ rules: ['kafka.brokers-per-zone'], answers: {} });
    expect(res.status).toBe(401);
  });
});

/** The README's table of the rules: each with its example answers and the sentence it gives. */
function rulesTable() {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const answers = (a: Record<string, unknown>) =>
    Object.entries(a)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(', ');
  const rows = FIELD_RULES.map(rule => {
    const f = rule.example.facts;
    const picked = Object.entries(f.picked ?? {}).map(([field, at]) => `; ${field} in ${at.region}, account ${at.account}`);
    const where = rule.readsEntities ? `, ${f.region}, account ${f.account}` : '';
    const facts = !rule.readsEnvironment ? 'its own answers' : `${f.profile}, ${f.zones} zones${where}${picked.join('')}`;
    return `| \`${rule.field}\` | ${cell(rule.refuses)} | ${cell(answers(rule.example.answers))} (${facts}) | ${cell(rule.check(rule.example.answers, rule.example.facts)!)} | \`${rule.id}\` |`;
  });
  return ['| Field | Refuses | Example (environment) | Sentence | Rule |', '|---|---|---|---|---|', ...rows].join('\n');
}

it("keeps the README's table of refusals at the field to the rules (PORTAL_UPDATE_DOCS=1 rewrites it)", () => {
  const file = join(__dirname, '../../README.md');
  const readme = readFileSync(file, 'utf8');
  const [before, rest] = readme.split('<!-- field-rules:start -->\n');
  const after = rest.slice(rest.indexOf('<!-- field-rules:end -->'));
  const expected = `${before}<!-- field-rules:start -->\n${rulesTable()}\n${after}`;
  if (process.env.PORTAL_UPDATE_DOCS === '1') writeFileSync(file, expected);
  expect(readme).toBe(expected);
});
