const { stackKindBranches } = require('../../packages/aws-stacks/stackKindLint');

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The actions know stack kinds only through the registry of @internal/aws-stacks.
  restrictedSrcSyntax: stackKindBranches,
});
