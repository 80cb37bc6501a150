import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cfnLintErrors, checkovFailures, expectEveryFieldToMatter, synthWithNag } from './__testUtils__/synthCheck';
import { estimateMonthlyCost } from './estimate';
import { PlatformFargateService } from './FargateService';
import { PlatformEnvironment, platformEnvironmentSchema, type PlatformEnvironmentInput } from './PlatformEnvironment';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';
import { applyPlatformTags } from './tags';

jest.setTimeout(120_000);

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0b6c9f1e-5d2a-4c1b-9a57-3f2d1e0c9b8a';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** The CRM seed's environment: one VPC, one cluster, one ALB for its three services. */
const crmEnvironment = (environment: EnvironmentProfile): PlatformEnvironmentInput => ({
  name: `crm-${environment}`,
  environment,
  certificateArn: CERT,
  alertEmails: ['alerts@crm-consulting.com'],
});

function build(input: PlatformEnvironmentInput) {
  return (stack: Stack) => {
    const env = new PlatformEnvironment(stack, 'Environment', { ...input, availabilityZones: ZONES });
    applyPlatformTags(stack, {
      project: 'CRM-System',
      environment: input.environment as EnvironmentProfile,
      component: 'platform',
      owner: 'platform-team',
      costCenter: 'platform',
      entityRef: `resource:default/${input.name}`,
    });
    return env;
  };
}

describe.each(ENVIRONMENT_PROFILES)('platform environment (%s)', environment => {
  const { template } = synthWithNag(build(crmEnvironment(environment)));
  const t = Template.fromJSON(template);
  const zones = environment === 'production' ? 3 : 2;

  it('passes cdk-nag AwsSolutions and cfn-lint, and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('listens on HTTPS only, TLS 1.2 or newer, with the given certificate; HTTP redirects', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: CERT }],
      DefaultActions: [Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) })],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
  });

  it('logs the load balancer’s access to an encrypted, private bucket', () => {
    for (const attribute of [
      { Key: 'access_logs.s3.enabled', Value: 'true' },
      { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      { Key: 'deletion_protection.enabled', Value: String(environment === 'production') },
    ]) {
      t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internet-facing',
        LoadBalancerAttributes: Match.arrayWith([attribute]),
      });
    }
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 90 })]) },
    });
  });

  it('runs one cluster with FARGATE and FARGATE_SPOT over the profile’s zones', () => {
    t.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: `crm-${environment}` });
    t.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::EC2::Subnet', zones * 3);
    t.resourceCountIs('AWS::EC2::NatGateway', environment === 'production' ? 3 : 1);
  });

  it('publishes its ids as CloudFormation exports platform-<name>-<key>', () => {
    const outputs = Object.values(template.Outputs as Record<string, { Export: { Name: string }; Value: unknown }>);
    expect(outputs.map(o => o.Export.Name).sort()).toEqual(
      [
        'alb-arn',
        'alb-dns-name',
        'alb-full-name',
        'alb-security-group-id',
        'alerts-topic-arn',
        'availability-zones',
        'cluster-name',
        'data-subnet-ids',
        'https-listener-arn',
        'namespace-arn',
        'namespace-id',
        'namespace-name',
        'private-subnet-ids',
        'public-subnet-ids',
        'services-security-group-id',
        'vpc-id',
      ].map(key => `platform-crm-${environment}-${key}`),
    );
    expect(outputs.find(o => o.Export.Name.endsWith('availability-zones'))?.Value).toBe(ZONES.slice(0, zones).join(','));
  });

  it('sends every alarm to one encrypted alerts topic, with its e-mail subscriptions', () => {
    t.hasResourceProperties('AWS::SNS::Topic', { TopicName: `crm-${environment}-alerts`, KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alerts@crm-consulting.com' });
  });

  it('gives internal services a private DNS namespace and a group their callers join', () => {
    t.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: `crm-${environment}.internal` });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: `crm-${environment} services: internal services admit their callers through this group` });
  });
});

it('leaves the namespace out when internal services are off; an internal service then says why it cannot deploy there', () => {
  const { template } = synthWithNag(build({ ...crmEnvironment('development'), internalServices: false }));
  const t = Template.fromJSON(template);
  t.resourceCountIs('AWS::ServiceDiscovery::PrivateDnsNamespace', 0);
  expect(Object.values<any>(template.Outputs).map(o => o.Export.Name).filter(n => n.includes('namespace'))).toEqual([]);
  expect(() =>
    synthWithNag(stack => {
      const environment = new PlatformEnvironment(stack, 'Env', { ...crmEnvironment('development'), internalServices: false, availabilityZones: ZONES });
      // eslint-disable-next-line no-new -- a CDK construct adds itself to the stack it is given
      new PlatformFargateService(stack, 'Users', {
        serviceName: 'user-service', environment: 'development', image: 'user-service:1', containerPort: 3001, cpu: 256, memoryMiB: 512,
        healthCheckPath: '/health', desiredCount: 1, minCount: 1, maxCount: 2, loadBalanced: false, internal: true, platform: environment,
      });
    }),
  ).toThrow('The platform environment crm-development has no namespace for internal services; turn internal services on in it first.');
});

it('refuses what it cannot build, in a sentence', () => {
  const r = platformEnvironmentSchema.safeParse({ name: 'Prod', environment: 'production', certificateArn: 'arn:aws:iam::1:cert' });
  expect(r.success).toBe(false);
  expect(r.error?.issues.map(i => i.message)).toEqual([
    'name must be 3–32 lowercase letters, digits or dashes, starting with a letter (e.g. crm-production).',
    'certificateArn must be an ACM certificate ARN (arn:<partition>:acm:<region>:<account>:certificate/<id>, the partition aws, aws-us-gov or aws-cn).',
  ]);
});

it('lets every field change the template', () => {
  const render = (input: PlatformEnvironmentInput) => synthWithNag(build(input)).template;
  expectEveryFieldToMatter(render, crmEnvironment('staging'), [
    { name: 'crm-stage' },
    { environment: 'production' },
    { certificateArn: CERT.replace('0b6c', '1b6c') },
    { cidr: '10.1.0.0/16' },
    { accessLogDays: 30 },
    { internalServices: false },
    { alertEmails: [] },
    { subnetCidrs: { public: ['10.0.1.0/24', '10.0.2.0/24'], private: ['10.0.10.0/24', '10.0.11.0/24'], data: ['10.0.20.0/24', '10.0.21.0/24'] } },
    { zones: 3 },
  ]);
});

it('spans two zones in production when asked, as the ApexAI seed does: a NAT gateway per zone', () => {
  const apexai = { ...crmEnvironment('production'), name: 'apexai-production', zones: 2 as const };
  const { template } = synthWithNag(build({
    ...apexai,
    subnetCidrs: { public: ['10.0.0.0/24', '10.0.1.0/24'], private: ['10.0.10.0/24', '10.0.11.0/24'], data: ['10.0.20.0/24', '10.0.21.0/24'] },
  }));
  expect(cfnLintErrors(template)).toEqual([]);
  const t = Template.fromJSON(template);
  const subnets = Object.values<any>(t.findResources('AWS::EC2::Subnet')).map(r => `${r.Properties.AvailabilityZone} ${r.Properties.CidrBlock}`);
  expect(subnets.sort()).toEqual([
    'us-east-1a 10.0.0.0/24', 'us-east-1a 10.0.10.0/24', 'us-east-1a 10.0.20.0/24',
    'us-east-1b 10.0.1.0/24', 'us-east-1b 10.0.11.0/24', 'us-east-1b 10.0.21.0/24',
  ]);
  t.resourceCountIs('AWS::EC2::NatGateway', 2);
  expect(estimateMonthlyCost({
    kind: 'platform-environment', stackName: 'platform-apexai-production', account: '222222222222', region: 'us-east-1', environment: 'production',
    tags: { project: 'ApexAI-CRM', component: 'apexai-production', owner: 'team-apexai', costCenter: 'apexai-product', entityRef: 'resource:default/apexai-production' },
    platformEnvironment: apexai,
  }).lines[0].item).toBe('2 NAT gateways');
  expect(platformEnvironmentSchema.safeParse({ ...apexai, zones: 4 }).error?.issues.map(i => i.message)).toEqual(['zones must be 2 or 3.']);
});

it('lays its subnets out as the CRM seed does, one block per zone', () => {
  const seed = {
    public: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    private: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'],
    // The seed names two database subnets; the platform's data subnets span every zone, the third is 10.0.23.0/24.
    data: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
  };
  const { template } = synthWithNag(build({ ...crmEnvironment('production'), subnetCidrs: seed }));
  expect(cfnLintErrors(template)).toEqual([]);
  const subnets = Object.values<any>(Template.fromJSON(template).findResources('AWS::EC2::Subnet')).map(r => [
    r.Properties.AvailabilityZone,
    r.Properties.CidrBlock,
    r.Properties.Tags.find((tag: { Key: string }) => tag.Key === 'aws-cdk:subnet-name').Value,
  ]);
  expect(subnets.sort((a, b) => String(a[1]).localeCompare(String(b[1]), 'en', { numeric: true }))).toEqual([
    ['us-east-1a', '10.0.1.0/24', 'public'],
    ['us-east-1b', '10.0.2.0/24', 'public'],
    ['us-east-1c', '10.0.3.0/24', 'public'],
    ['us-east-1a', '10.0.11.0/24', 'private'],
    ['us-east-1b', '10.0.12.0/24', 'private'],
    ['us-east-1c', '10.0.13.0/24', 'private'],
    ['us-east-1a', '10.0.21.0/24', 'data'],
    ['us-east-1b', '10.0.22.0/24', 'data'],
    ['us-east-1c', '10.0.23.0/24', 'data'],
  ]);
});

it.each([
  [{ data: ['10.0.21.0/24', '10.0.22.0/24'] }, 'data subnets: one block per zone, 3 here; 2 given (add 10.0.23.0/24).'],
  [{ public: ['10.1.1.0/24', '10.0.2.0/24', '10.0.3.0/24'] }, "10.1.1.0/24 is outside the VPC's 10.0.0.0/16; choose a block inside it, such as 10.0.1.0/24."],
  [{ private: ['10.0.1.0/24', '10.0.12.0/24', '10.0.13.0/24'] }, '10.0.1.0/24 overlaps 10.0.1.0/24; give each subnet its own block, such as 10.0.11.0/24.'],
  [{ private: ['10.0.11.0/30', '10.0.12.0/24', '10.0.13.0/24'] }, '10.0.11.0/30 is not a CIDR block from /16 to /28 (such as 10.0.1.0/24).'],
  [{ private: ['10.0.11.5/24', '10.0.12.0/24', '10.0.13.0/24'] }, '10.0.11.5/24 is not a CIDR block from /16 to /28 (such as 10.0.1.0/24).'],
])('refuses the subnet layout %j with a sentence', (change, sentence) => {
  const layout = { public: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], private: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'], data: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'], ...change };
  const r = platformEnvironmentSchema.safeParse({ ...crmEnvironment('production'), subnetCidrs: layout });
  expect(r.error?.issues.map(i => i.message)).toEqual([sentence]);
});
