const { stackKindBranches, stackKindNames } = require('./stackKindLint');

// ARNs take their partition from the stack (Stack.formatArn, Aws.PARTITION)
// or from a Region (arnIn): a literal `arn:aws:` breaks in GovCloud and China.
const partition = 'Write no arn:aws: literal: use the stack’s partition (Stack.formatArn, Aws.PARTITION) or arnIn(region, …) for an example.';
const partitionRules = [
  { selector: 'Literal[value=/arn:aws:/]', message: partition },
  { selector: 'TemplateElement[value.raw=/arn:aws:/]', message: partition },
];
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  restrictedSrcSyntax: partitionRules,
  // A construct is composed of parts small enough to read and test alone.
  rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  testRules: { 'max-lines-per-function': 'off' },
  overrides: [
    {
      files: ['src/**/*.ts'],
      excludedFiles: ['src/kinds/**', '**/*.test.*', '**/__testUtils__/**'],
      rules: { 'no-restricted-syntax': ['error', ...partitionRules, ...stackKindBranches, ...stackKindNames] },
    },
  ],
});
