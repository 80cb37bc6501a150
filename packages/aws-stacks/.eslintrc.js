// ARNs take their partition from the stack (Stack.formatArn, Aws.PARTITION)
// or from a Region (arnIn): a literal `arn:aws:` breaks in GovCloud and China.
const partition = 'Write no arn:aws: literal: use the stack’s partition (Stack.formatArn, Aws.PARTITION) or arnIn(region, …) for an example.';
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  restrictedSrcSyntax: [
    { selector: 'Literal[value=/arn:aws:/]', message: partition },
    { selector: 'TemplateElement[value.raw=/arn:aws:/]', message: partition },
  ],
  // A construct is composed of parts small enough to read and test alone.
  rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  testRules: { 'max-lines-per-function': 'off' },
});
