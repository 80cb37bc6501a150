import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { AwsStackCheckedOptions } from './fieldChecks';

/**
 * The field as the form would draw it by its type (a number, a list, a
 * switch, an array): this extension only adds the stack's checks to it.
 */
export function AwsStackCheckedField(props: FieldExtensionComponentProps<unknown, AwsStackCheckedOptions>) {
  const { SchemaField } = props.registry.fields;
  const { 'ui:field': _checked, ...uiSchema } = props.uiSchema ?? {};
  return <SchemaField {...(props as any)} uiSchema={uiSchema} />;
}
