import { type ApiHolder, discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

type FieldValidation = Parameters<CustomFieldValidator<unknown>>[1];

/** The field's options in a template: the field rules it checks (`ui:options.rules`). */
export interface AwsStackCheckedOptions {
  rules?: string[];
  /** The field extension that draws the field (e.g. EntityPicker), when its type alone would not. */
  drawAs?: string;
}

/**
 * Asks the scaffolder backend's AWS stacks module which of the field's rules
 * the answers break, and adds each one's sentence to the field. The module
 * reads the chosen platform environment's profile, zones and Region from
 * the catalog; the stack schema makes the same checks with the same words.
 *
 * When the portal cannot answer (no rules, the backend out of reach), the
 * field stays quiet: the run's render step still refuses what the stack
 * would refuse, with the same sentence.
 */
export async function checkStackField(
  validation: FieldValidation,
  context: { apiHolder: ApiHolder; formData: object; uiSchema?: { 'ui:options'?: AwsStackCheckedOptions } },
): Promise<void> {
  const rules = context.uiSchema?.['ui:options']?.rules;
  const discovery = context.apiHolder.get(discoveryApiRef);
  const fetchApi = context.apiHolder.get(fetchApiRef);
  if (!rules?.length || !discovery || !fetchApi) return;
  let problems: Record<string, string> | undefined;
  try {
    const base = await discovery.getBaseUrl('scaffolder');
    const response = await fetchApi.fetch(`${base}/aws-stacks/field-checks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules, answers: context.formData }),
    });
    if (response.ok) problems = (await response.json()).problems;
  } catch {
    // Out of reach: the run's render step decides.
  }
  for (const id of rules) {
    const problem = problems?.[id];
    if (typeof problem === 'string') validation.addError(problem);
  }
}
