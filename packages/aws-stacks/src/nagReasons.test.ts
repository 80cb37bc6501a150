/*
 * Every acknowledgement the stacks carry (cdk-nag's and cfn-lint's, and the
 * checks checkov is told to skip), confirmed against what was synthesized:
 * each kind of stack in each profile at both extremes (every optional part,
 * and none), and for each acknowledged finding a check that its reason is
 * true of the resources it is on. A reason no check confirms fails here, and
 * so does a checkov skip that checkov would not miss.
 */
import { CfnResource, type Stack } from 'aws-cdk-lib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acknowledgementsIn } from './__testUtils__/synthCheck';
import { checkovFailuresOfMany } from './checkov';
import { everyKind, leastOfEachKind } from './__testUtils__/stackConfigs';
import { fargateServiceSchema } from './FargateService';
import { SECRET_NAME } from './fieldRules';
import { createPlatformApp, type PlatformStackConfig } from './platformStack';
import { ENVIRONMENT_PROFILES } from './profiles';

jest.setTimeout(300_000);

type Resource = { Type: string; Properties: any };
interface Seen {
  config: PlatformStackConfig;
  /** The CloudFormation resources under the acknowledged construct. */
  own: Resource[];
  /** The whole template's resources, by logical id. */
  all: Record<string, Resource>;
}

const ref = (v: any) => v?.Ref ?? v?.['Fn::GetAtt']?.[0];
/** The ingress rules of a security group (inline and separate), by its logical id. */
const ingressOf = (all: Seen['all'], group: string): any[] =>
  Object.values(all).flatMap(r => {
    if (r === all[group]) return r.Properties.SecurityGroupIngress ?? [];
    return r.Type === 'AWS::EC2::SecurityGroupIngress' && ref(r.Properties.GroupId) === group ? [r.Properties] : [];
  });
/** Whether every group of a resource admits other security groups only, never an address range. */
const groupsOnly = (all: Seen['all'], groups: any[] = []) =>
  groups.length > 0 && groups.every(g => ingressOf(all, ref(g)).every(i => i.SourceSecurityGroupId && !i.CidrIp && !i.CidrIpv6));
const typed = (s: Seen, type: string) => s.own.filter(r => r.Type === type);

/** For each acknowledged rule (by its id, or the start of it), what makes its reason true. */
const CONFIRM: Array<[RegExp, (s: Seen, reason: string, id: string) => boolean, boolean?]> = [
  // Plain variables carry no secret: the service.no-secret-in-plain-variable rule refuses secret-looking names.
  [/^AwsSolutions-ECS2$/, s => {
    const plain = typed(s, 'AWS::ECS::TaskDefinition').every(t => t.Properties.ContainerDefinitions.every((c: any) => (c.Environment ?? []).every((e: any) => !SECRET_NAME.test(e.Name))));
    // And for every answer the schema accepts: a secret-looking variable is refused.
    const service = 'service' in s.config ? s.config.service : undefined;
    const refused = !!service && !fargateServiceSchema.safeParse({ ...service, environment: s.config.environment, environmentVariables: { DB_PASSWORD: 'x' } }).success;
    return plain && refused;
  }],
  // The only statement on every resource is ecr:GetAuthorizationToken, and pulls name the image's repository.
  [/^AwsSolutions-IAM5\[Resource::\*\]$/, s => {
    const statements = Object.values(s.all).filter(r => r.Type === 'AWS::IAM::Policy').flatMap(p => p.Properties.PolicyDocument.Statement);
    const star = statements.filter((st: any) => st.Resource === '*');
    return star.length > 0 && star.every((st: any) => st.Action === 'ecr:GetAuthorizationToken') && statements.some((st: any) => [st.Action].flat().includes('ecr:BatchGetImage') && st.Resource !== '*');
  }],
  // Internet-facing by design, open on 443 and the redirecting 80 only.
  [/^AwsSolutions-EC23$/, s => typed(s, 'AWS::EC2::SecurityGroup').every(g => g.Properties.SecurityGroupIngress.every((i: any) => [80, 443].includes(i.FromPort) && i.FromPort === i.ToPort))],
  // The access-log bucket is where the load balancer writes its logs; logging it into itself would recurse.
  [/^(AwsSolutions-S1|checkov::CKV_AWS_18)$/, s => {
    const bucket = Object.entries(s.all).find(([, r]) => s.own.includes(r) && r.Type === 'AWS::S3::Bucket')?.[0];
    return !!bucket && Object.values(s.all).some(r => r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && r.Properties.LoadBalancerAttributes.some((a: any) => a.Key === 'access_logs.s3.bucket' && ref(a.Value) === bucket));
  }],
  // The engine's standard port, and the security group admits other groups only.
  [/^AwsSolutions-RDS11$/, s => typed(s, 'AWS::RDS::DBInstance').every(d => (d.Properties.Port === undefined || ['5432', '3306', 5432, 3306].includes(d.Properties.Port)) && groupsOnly(s.all, d.Properties.VPCSecurityGroups))],
  [/^AwsSolutions-AEC5$/, s => typed(s, 'AWS::ElastiCache::ReplicationGroup').every(g => g.Properties.Port === 6379 && groupsOnly(s.all, g.Properties.SecurityGroupIds))],
  // Single-AZ only outside production: the primary of a development database, or a replica (one instance by nature).
  [/^(AwsSolutions-RDS3|checkov::CKV_AWS_157)$/, (s, reason) => typed(s, 'AWS::RDS::DBInstance').every(d => !d.Properties.MultiAZ && (d.Properties.SourceDBInstanceIdentifier ? /replica|single instance|promot/i.test(reason) : s.config.environment === 'development'))],
  // No deletion protection only where the profile is disposable.
  [/^AwsSolutions-RDS10$/, s => s.config.environment !== 'production' && typed(s, 'AWS::RDS::DBInstance').every(d => !d.Properties.DeletionProtection)],
  // A replica's encryption comes from its source (CloudFormation refuses the flag on replicas): it has a source, and a key of its own Region across Regions.
  [/^(AwsSolutions-RDS2|checkov::CKV_AWS_16)$/, s => typed(s, 'AWS::RDS::DBInstance').every(d => d.Properties.SourceDBInstanceIdentifier && (s.config.kind !== 'rds-cross-region-replica' || d.Properties.KmsKeyId))],
  // Port 80 answers with a permanent redirect to HTTPS and nothing else: every port-80 listener's only action, and no rule on it.
  [/^checkov::CKV_AWS_260$/, s => {
    const http = Object.entries(s.all).filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties.Port === 80);
    return http.length > 0 && http.every(([id, l]) =>
      l.Properties.DefaultActions.length === 1 &&
      l.Properties.DefaultActions[0].Type === 'redirect' &&
      l.Properties.DefaultActions[0].RedirectConfig.Protocol === 'HTTPS' &&
      l.Properties.DefaultActions[0].RedirectConfig.StatusCode === 'HTTP_301' &&
      !Object.values(s.all).some(r => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && ref(r.Properties.ListenerArn) === id));
  }],
  // Log groups: CloudWatch Logs' own encryption (no key of the stack's), kept for a bounded time.
  [/^checkov::CKV_AWS_158$/, s => s.own.every(r => r.Type === 'AWS::Logs::LogGroup' && !r.Properties.KmsKeyId && r.Properties.RetentionInDays > 0)],
  // The AUTH token: Secrets Manager's AWS managed key, no resource policy, read only through grants in this stack.
  [/^checkov::CKV_AWS_149$/, s => {
    const secret = Object.entries(s.all).find(([, r]) => s.own.includes(r))?.[0];
    const readers = Object.values(s.all).filter(r => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.PolicyDocument).includes(`"${secret}"`));
    return s.own.every(r => r.Type === 'AWS::SecretsManager::Secret' && !r.Properties.KmsKeyId) &&
      !Object.values(s.all).some(r => r.Type === 'AWS::SecretsManager::ResourcePolicy') &&
      readers.every(p => p.Properties.PolicyDocument.Statement.every((st: any) => st.Effect === 'Allow'));
  }],
  // Nothing rotates the AUTH token: no rotation schedule names it.
  [/^AwsSolutions-SMG4$/, s => !Object.values(s.all).some(r => r.Type === 'AWS::SecretsManager::RotationSchedule')],
  // Single-AZ cache only outside production, and as the reason says: the owner turned it off, or the profile is single-AZ.
  [/^AwsSolutions-AEC4$/, (s, reason) => {
    const cache = 'cache' in s.config ? s.config.cache : undefined;
    const off = typed(s, 'AWS::ElastiCache::ReplicationGroup').every(g => !g.Properties.MultiAZEnabled);
    return s.config.environment !== 'production' && off && (cache?.multiAz === false) === /turned Multi-AZ off/.test(reason);
  }],
  // Enhanced monitoring's role: that one AWS policy, for RDS monitoring only.
  [/^AwsSolutions-IAM4\[Policy::.*AmazonRDSEnhancedMonitoringRole\]$/, s => Object.values(s.all).filter(r => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes('AmazonRDSEnhancedMonitoringRole')).every(r => r.Properties.ManagedPolicyArns.length === 1 && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('monitoring.rds.amazonaws.com'))],
  // The replicator's wildcards are the topics and groups of its own two clusters, by cluster name and Region.
  [/^AwsSolutions-IAM5\[Resource::arn:[\w<>:-]*:kafka:/, (s, _reason, id) => {
    const m = /:kafka:([a-z0-9-]+):(\d{12}):(topic|group)\/([\w-]+)\/\*\]$/.exec(id);
    if (!m || s.config.kind !== 'msk-replicator') return false;
    const clusters = [s.config.replicator.sourceClusterArn, s.config.replicator.targetClusterArn].map(arn => /:kafka:([a-z0-9-]+):(\d{12}):cluster\/([\w-]+)\//.exec(String(arn))!);
    return clusters.some(c => c[1] === m[1] && c[2] === m[2] && c[3] === m[4]);
  }],
  // CDK's own, on every environment: the zones are literal because the stack names them (a, b, c of its Region) ...
  [/^CloudFormation-Validate::W3010$/, s => s.config.kind === 'platform-environment' && Object.values(s.all).some(r => r.Type === 'AWS::EC2::Subnet' && /^[a-z]{2}-[a-z]+-\d[a-c]$/.test(r.Properties.AvailabilityZone))],
  // ... and the flow log's DestinationOptions are written in the camelCase EC2 takes.
  [/^CloudFormation-Validate::F3003$/, s => typed(s, 'AWS::EC2::FlowLog').every(f => !f.Properties.DestinationOptions || Object.keys(f.Properties.DestinationOptions).every(k => /^[a-z]/.test(k)))],
  // CDK's bundled schema lacks Tags on these two types; CloudFormation's registry schema has it, and they carry the tags.
  [/^CloudFormation-Validate::F3002$/, s => s.own.every(r => !['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup'].includes(r.Type) || Array.isArray(r.Properties.Tags))],
];

function synthesize(config: PlatformStackConfig) {
  const { app, stack } = createPlatformApp(config, mkdtempSync(join(tmpdir(), 'nag-reasons-')));
  const template = app.synth().getStackByName(stack.stackName).template;
  return { stack, all: template.Resources as Record<string, Resource> };
}

function resourcesUnder(stack: Stack, path: string, all: Seen['all']): Resource[] {
  const construct = stack.node.findAll().find(c => c.node.path === path);
  if (!construct) return [];
  return construct.node
    .findAll()
    .filter((c): c is CfnResource => c instanceof CfnResource)
    .map(c => all[stack.resolve(c.logicalId)])
    .filter(Boolean);
}

/** The checks a resource's metadata tells checkov to skip, with their reasons. */
const checkovSkips = (all: Seen['all']) =>
  Object.entries(all).flatMap(([logicalId, r]: [string, any]) =>
    ((r.Metadata?.checkov?.skip ?? []) as Array<{ id: string; comment: string }>).map(skip => ({ logicalId, resource: r as Resource, ...skip })),
  );

const extremes = ENVIRONMENT_PROFILES.flatMap(environment => [...everyKind(environment), ...leastOfEachKind(environment)]);

it('confirms the reason of every acknowledgement on every kind, profile and extreme', () => {
  const unconfirmed: string[] = [];
  const confirm = (id: string, where: string, reason: string, seen: Seen) => {
    const check = CONFIRM.find(([pattern]) => pattern.test(id));
    if (check) check[2] = true;
    if (!check) unconfirmed.push(`${where}: no check confirms "${reason}"`);
    else if (!check[1](seen, reason, id)) unconfirmed.push(`${where}: not true here: "${reason}"`);
  };
  const templates: Record<string, { Resources: Seen['all'] }> = {};
  for (const config of extremes) {
    const { stack, all } = synthesize(config);
    templates[`${config.kind}.${config.environment}.${Object.keys(templates).length}`] = { Resources: all };
    for (const skip of checkovSkips(all)) {
      confirm(`checkov::${skip.id}`, `${config.kind} (${config.environment}) ${skip.logicalId} checkov ${skip.id}`, skip.comment, { config, own: [skip.resource], all });
    }
    for (const { path, rule, reason } of acknowledgementsIn(stack)) {
      confirm(rule.replace(/^Annotation::/, ''), `${config.kind} (${config.environment}) ${path} ${rule}`, reason, { config, own: resourcesUnder(stack, path, all), all });
    }
  }
  expect(unconfirmed).toEqual([]);
  // Every check confirmed something: none stays for an acknowledgement that is gone.
  expect(CONFIRM.filter(([, , used]) => !used).map(([pattern]) => String(pattern))).toEqual([]);

  // checkov passes every template, and each skip is one it needs: without
  // the skips, checkov fails exactly the skipped checks on their resources.
  expect(checkovFailuresOfMany(templates)).toEqual([]);
  const bare = JSON.parse(JSON.stringify(templates, (key, value) => (key === 'checkov' ? undefined : value)));
  const skipped = Object.entries(templates).flatMap(([name, t]) => checkovSkips(t.Resources).map(s => `${name} ${s.id} ${t.Resources[s.logicalId].Type}.${s.logicalId}`));
  expect(skipped.length).toBeGreaterThan(0);
  expect(checkovFailuresOfMany(bare).sort()).toEqual(skipped.sort());
});
