import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { AwsStackCheckedField } from './AwsStackCheckedField';
import { checkStackField } from './fieldChecks';

export const awsStackCheckedFormField = createFormField({
  name: 'AwsStackChecked',
  component: AwsStackCheckedField,
  validation: (_value, validation, context) => checkStackField(validation, context),
});
