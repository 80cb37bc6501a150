import { FIELD_RULES, fieldRuleProblems, profileFacts } from '../fieldRules';
import type { StackWhere } from './stackKind';

/**
 * What the forms' field rules say of a picked resource (a replica's source
 * database, a replicator's clusters) given where its ARN says it lives,
 * against the stack's environment: the same sentences as at the field.
 */
export function pickedProblems(
  field: string,
  entityField: string,
  arn: unknown,
  parse: (arn: string) => { region: string; account: string } | undefined,
  where: StackWhere,
): Array<[string, string]> {
  const picked = typeof arn === 'string' ? parse(arn) : undefined;
  if (!picked) return [];
  const rules = FIELD_RULES.filter(r => r.readsEntities?.includes(entityField)).map(r => r.id);
  const here = { ...profileFacts(where.environment, undefined, where.region), account: where.account };
  const found = fieldRuleProblems(rules, { [entityField]: arn }, { ...here, picked: { [entityField]: picked } });
  return Object.values(found).map(message => [field, message]);
}
