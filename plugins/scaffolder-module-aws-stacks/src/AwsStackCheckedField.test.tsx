/*
 * How the field hands itself to rjsf: the form's own SchemaField draws it,
 * by its type or by the extension `ui:options.drawAs` names. The registry's
 * SchemaField here records what it was asked to draw (the real one, with the
 * catalog's EntityPicker, runs in the golden paths' browser test).
 */
import { render, screen } from '@testing-library/react';
import { AwsStackCheckedField } from './AwsStackCheckedField';

function drawn(uiSchema: Record<string, unknown>) {
  const asked: any[] = [];
  const SchemaField = (props: any) => {
    asked.push(props.uiSchema);
    return <span>{String(props.uiSchema['ui:field'] ?? 'by its type')}</span>;
  };
  render(<AwsStackCheckedField {...({ uiSchema, registry: { fields: { SchemaField } } } as any)} />);
  return asked[0];
}

describe('AwsStackCheckedField', () => {
  it('draws the field by its type, without itself as the field (no loop)', () => {
    const uiSchema = drawn({ 'ui:field': 'AwsStackChecked', 'ui:options': { rules: ['kafka.brokers-per-zone'] } });
    expect(uiSchema).toEqual({ 'ui:options': { rules: ['kafka.brokers-per-zone'] } });
    expect(screen.getByText('by its type')).toBeInTheDocument();
  });

  it('draws it with the extension drawAs names, its options kept', () => {
    const options = { drawAs: 'EntityPicker', rules: ['replica.source-in-another-region'], catalogFilter: { kind: 'Resource' } };
    const uiSchema = drawn({ 'ui:field': 'AwsStackChecked', 'ui:options': options });
    expect(uiSchema).toEqual({ 'ui:field': 'EntityPicker', 'ui:options': options });
    expect(screen.getByText('EntityPicker')).toBeInTheDocument();
  });
});
