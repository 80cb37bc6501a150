import policy from '../../iam/portal-read-only-policy.json';

const IAM_PREFIX: Record<string, string> = {
  CloudWatchClient: 'cloudwatch',
  CostExplorerClient: 'ce',
  ECSClient: 'ecs',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  ResourceGroupsTaggingAPIClient: 'tag',
};

/**
 * The operations in a call count (`CloudWatchClient.DescribeAlarmsCommand`)
 * that the portal's read-only IAM policy does not allow, as IAM actions.
 * Tests run it over what a source really called, so the published policy
 * cannot fall behind the code.
 */
export function actionsMissingFromPolicy(calls: Record<string, number>): string[] {
  const allowed = new Set(
    policy.Statement.filter(s => s.Effect === 'Allow').flatMap(s => s.Action),
  );
  const missing = new Set<string>();
  for (const operation of Object.keys(calls)) {
    const [client, command] = operation.split('.');
    const prefix = IAM_PREFIX[client];
    if (!prefix) continue; // STS: the trust policy, not this one
    const action = `${prefix}:${command.replace(/Command$/, '')}`;
    if (!allowed.has(action)) missing.add(action);
  }
  return [...missing].sort();
}
