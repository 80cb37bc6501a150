import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * `ui:field: AwsStackChecked`: the field drawn as its type draws it, checked
 * by the rules `ui:options.rules` names against the chosen platform
 * environment.
 *
 * @public
 */
export const awsStackCheckedField = FormFieldBlueprint.make({
  name: 'aws-stack-checked',
  params: {
    field: () => import('./formField').then(m => m.awsStackCheckedFormField),
  },
});

/**
 * The AWS golden paths' additions to the scaffolder's forms.
 *
 * @public
 */
export const scaffolderModuleAwsStacks = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [awsStackCheckedField],
});
