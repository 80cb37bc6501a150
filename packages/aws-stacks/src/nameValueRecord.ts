import { z } from 'zod';

type NameValues = Record<string, string> | Array<{ name: string; value: unknown }>;

/**
 * The sentence for a name given twice in a list of names (the form's field
 * rule and the schema say the same).
 *
 * @public
 */
export function givenTwice(title: string, name: string): string {
  return `${title} ${name} is given twice; give each name once (remove one of them, or rename it).`;
}

/**
 * The first name a form's list of `{ name, … }` gives twice (names compared
 * trimmed), else undefined.
 *
 * @public
 */
export function nameGivenTwice(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const seen = new Set<string>();
  for (const item of list) {
    const name = typeof item?.name === 'string' ? item.name.trim() : '';
    if (name && seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Names and values, as a record or as the list a form gives
 * (`[{ name, value }]`, values of any type taken as text); a name given twice
 * or left empty is refused, the names called by `title` (e.g. "Parameter").
 *
 * @public
 */
export const nameValueRecord = (title: string) => z.custom<NameValues>().transform((value, ctx): Record<string, string> => {
  if (!Array.isArray(value)) {
    const record = z.record(z.string(), z.string()).safeParse(value);
    if (record.success) return record.data;
    ctx.addIssue({ code: 'custom', message: 'expected names with text values.' });
    return z.NEVER;
  }
  const out: Record<string, string> = {};
  for (const item of value) {
    const name = typeof item?.name === 'string' ? item.name.trim() : '';
    if (!name) ctx.addIssue({ code: 'custom', message: 'a name is required.' });
    else if (name in out) ctx.addIssue({ code: 'custom', message: givenTwice(title, name) });
    else out[name] = String(item.value ?? '');
  }
  return out;
});
