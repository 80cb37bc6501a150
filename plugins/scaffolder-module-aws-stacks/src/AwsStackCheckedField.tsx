import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { AwsStackCheckedOptions } from './fieldChecks';

/**
 * The field as the form would draw it by its type (a number, a list, a
 * switch, an array), or by the field extension `ui:options.drawAs` names
 * (e.g. EntityPicker): this extension only adds the stack's checks to it.
 */
export function AwsStackCheckedField(props: FieldExtensionComponentProps<unknown, AwsStackCheckedOptions>) {
  const { SchemaField } = props.registry.fields;
  const { 'ui:field': _checked, ...uiSchema } = props.uiSchema ?? {};
  const drawAs = uiSchema['ui:options']?.drawAs;
  return <SchemaField {...(props as any)} uiSchema={drawAs ? { ...uiSchema, 'ui:field': drawAs } : uiSchema} />;
}
