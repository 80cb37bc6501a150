/**
 * The AWS golden paths' form field for the scaffolder: AwsStackChecked,
 * with the rules in `ui:options.rules`, refuses at the field what the stack
 * would refuse of the answers.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAwsStacks as default } from './module';
export { awsStackCheckedField } from './module';
