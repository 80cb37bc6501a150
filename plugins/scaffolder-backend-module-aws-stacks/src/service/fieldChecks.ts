import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AWS_ANNOTATIONS, readAwsEntityContext } from '@internal/plugin-aws-common';
import { ENVIRONMENT_PROFILES, type EnvironmentFacts, FIELD_RULES, fieldRuleProblems, type PickedFacts, profileFacts } from '@internal/aws-stacks';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';

const RULE_IDS = FIELD_RULES.map(r => r.id) as [string, ...string[]];

const requestSchema = z.object({
  rules: z
    .array(z.enum(RULE_IDS, { error: issue => `${String(issue.input)} is not a field rule; the rules are ${RULE_IDS.join(', ')}.` }))
    .min(1, { error: 'rules names at least one field rule.' })
    .max(RULE_IDS.length, { error: `rules names at most ${RULE_IDS.length} field rules.` }),
  answers: z.record(z.string(), z.unknown(), { error: "answers must be the form's answers, an object." }),
});

type Credentials = Parameters<CatalogService['getEntityByRef']>[1];

/** The entity an answer names, as the caller may see it; undefined when none is named or it is not there. */
async function pickedEntity(answers: Record<string, unknown>, field: string, catalog: CatalogService, credentials: Credentials) {
  const ref = answers[field];
  if (typeof ref !== 'string' || !ref) return undefined;
  let entityRef;
  try {
    entityRef = parseEntityRef(ref);
  } catch {
    throw new InputError(`answers.${field}: ${JSON.stringify(ref)} is not an entity reference such as resource:default/crm-production.`);
  }
  return (await catalog.getEntityByRef(entityRef, credentials)) ?? undefined;
}

/**
 * What the chosen platform environment decides (profile, zones, Region,
 * account), read from its catalog entity as the caller may see it; nothing
 * before the form has chosen one (no verdict rather than a profile's guess).
 */
async function environmentFacts(answers: Record<string, unknown>, catalog: CatalogService, credentials: Credentials): Promise<EnvironmentFacts | undefined> {
  const entity = await pickedEntity(answers, 'platformEnvironment', catalog, credentials);
  if (!entity) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const profile = ENVIRONMENT_PROFILES.find(p => p === annotations[AWS_ANNOTATIONS.environment]);
  if (!profile) return undefined;
  const zones = Number(annotations[AWS_ANNOTATIONS.zones]) || undefined;
  return { ...profileFacts(profile, zones, annotations[AWS_ANNOTATIONS.region]), account: annotations[AWS_ANNOTATIONS.accountId] };
}

/**
 * Where the entities the rules read live (a replica's source database, a
 * replicator's clusters): the Region and account of the ARN the run reads
 * (`aws.portal/arns`), else of their annotations. One the caller cannot see,
 * or whose annotations do not parse, is left out (its rules stay silent).
 */
async function pickedFacts(fields: string[], answers: Record<string, unknown>, catalog: CatalogService, credentials: Credentials) {
  const picked: Record<string, PickedFacts> = {};
  for (const field of new Set(fields)) {
    const entity = await pickedEntity(answers, field, catalog, credentials);
    const read = entity ? readAwsEntityContext(entity) : undefined;
    if (!read?.ok) continue;
    const [arn] = read.context.arns;
    picked[field] = { region: arn?.region || read.context.region, account: arn?.accountId || read.context.accountId };
  }
  return picked;
}

/**
 * `POST /aws-stacks/field-checks`: the golden paths' forms ask, field by
 * field, what the stack schema would refuse of their answers (the
 * AwsStackChecked field). Answers: `{ problems: { [ruleId]: sentence } }`;
 * `environment` says whether the chosen environment's facts were read.
 */
export function createFieldChecksRouter(options: { httpAuth: HttpAuthService; catalog: CatalogService }) {
  const router = Router();
  // The body parser is this route's own: the module's router sees every
  // /api/scaffolder request first, and the scaffolder parses its own.
  router.post('/aws-stacks/field-checks', express.json({ limit: '64kb' }), async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = requestSchema.safeParse(req.body);
    if (!body.success) {
      throw new InputError(body.error.issues.map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' '));
    }
    const environment = await environmentFacts(body.data.answers, options.catalog, { credentials });
    const reads = body.data.rules.flatMap(id => FIELD_RULES.find(r => r.id === id)?.readsEntities ?? []);
    const facts = environment && reads.length ? { ...environment, picked: await pickedFacts(reads, body.data.answers, options.catalog, { credentials }) } : environment;
    // Without an environment's facts (none chosen yet, one the caller cannot
    // see, one with no profile) only the rules that read none answer; the
    // run's render step names the reason for the rest.
    const rules = facts ? body.data.rules : body.data.rules.filter(id => !FIELD_RULES.find(r => r.id === id)?.readsEnvironment);
    const problems = fieldRuleProblems(rules, body.data.answers, facts ?? profileFacts('development'));
    res.json({ problems, environment: !!facts });
  });
  return router;
}
