/*
 * The field's side of the checks. The backend's answer here is a stand-in
 * (a fetch that answers as the module's route does; the route itself is
 * tested in the scaffolder backend module, and the whole path in Chromium
 * by the golden paths' browser test).
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { checkStackField } from './fieldChecks';

function holder(answer: (body: any) => Response | Promise<Response>) {
  const calls: Array<{ url: string; body: any }> = [];
  const apis = new Map<unknown, unknown>([
    [discoveryApiRef, { getBaseUrl: async (id: string) => `http://portal/api/${id}` }],
    [
      fetchApiRef,
      {
        fetch: async (url: string, init: RequestInit) => {
          const body = JSON.parse(String(init.body));
          calls.push({ url, body });
          return answer(body);
        },
      },
    ],
  ]);
  return { calls, apiHolder: { get: (ref: unknown) => apis.get(ref) } as any };
}

function field() {
  const errors: string[] = [];
  return { errors, validation: { addError: (m: string) => errors.push(m) } as any };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('checkStackField', () => {
  it("posts the field's rules with every answer and shows the sentences of its own rules", async () => {
    const { calls, apiHolder } = holder(() =>
      json({ environment: true, problems: { 'kafka.brokers-per-zone': 'not a multiple', 'kafka.other': 'not this field' } }),
    );
    const { errors, validation } = field();
    const formData = { platformEnvironment: 'resource:default/apexai-production', brokers: 3 };
    await checkStackField(validation, { apiHolder, formData, uiSchema: { 'ui:options': { rules: ['kafka.brokers-per-zone'] } } });
    expect(calls).toEqual([
      { url: 'http://portal/api/scaffolder/aws-stacks/field-checks', body: { rules: ['kafka.brokers-per-zone'], answers: formData } },
    ]);
    expect(errors).toEqual(['not a multiple']);
  });

  it('stays quiet, leaving it to the run’s render step, when the portal cannot answer or the field names no rule', async () => {
    for (const answer of [() => json({ error: { message: 'boom' } }, 500), () => Promise.reject(new Error('offline'))]) {
      const { apiHolder } = holder(answer);
      const { errors, validation } = field();
      await checkStackField(validation, { apiHolder, formData: {}, uiSchema: { 'ui:options': { rules: ['kafka.brokers-per-zone'] } } });
      expect(errors).toEqual([]);
    }
    const { calls, apiHolder } = holder(() => json({ problems: {} }));
    await checkStackField(field().validation, { apiHolder, formData: {}, uiSchema: {} });
    expect(calls).toEqual([]);
  });
});
