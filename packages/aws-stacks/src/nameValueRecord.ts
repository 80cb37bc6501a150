import { z } from 'zod';

type NameValues = Record<string, string> | Array<{ name: string; value: unknown }>;

/**
 * Names and values, as a record or as the list a form gives
 * (`[{ name, value }]`, values of any type taken as text); a name given twice
 * or left empty is refused.
 *
 * @public
 */
export const nameValueRecord = z.custom<NameValues>().transform((value, ctx): Record<string, string> => {
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
    else if (name in out) ctx.addIssue({ code: 'custom', message: `${name} is given twice.` });
    else out[name] = String(item.value ?? '');
  }
  return out;
});
