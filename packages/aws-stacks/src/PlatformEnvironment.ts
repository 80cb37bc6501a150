import { CfnOutput, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { z } from 'zod';
import { alertsTopic, sharedLoadBalancer } from './platformEnvironmentParts';
import { partRuleProblems, profileFacts } from './fieldRules';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, profileZones, type EnvironmentProfile } from './profiles';

/**
 * What a platform environment's name may be: 3–32 lowercase letters, digits
 * or dashes, starting with a letter.
 *
 * @public
 */
export const PLATFORM_ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/**
 * What the platform-environment template asks, validated.
 *
 * @public
 */
export const platformEnvironmentSchema = z.object({
  name: z.string().regex(PLATFORM_ENVIRONMENT_NAME, {
    error: 'name must be 3–32 lowercase letters, digits or dashes, starting with a letter (e.g. crm-production).',
  }),
  environment: z.enum(ENVIRONMENT_PROFILES),
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, {
    error: 'certificateArn must be an ACM certificate ARN (arn:<partition>:acm:<region>:<account>:certificate/<id>, the partition aws, aws-us-gov or aws-cn).',
  }),
  cidr: z
    .string()
    .regex(/^10\.\d{1,3}\.0\.0\/16$/, { error: 'cidr must be a /16 in 10.0.0.0/8, such as 10.0.0.0/16.' })
    .default('10.0.0.0/16'),
  accessLogDays: z.number().int().min(1).max(3650).default(90),
  /** A private DNS namespace (`<name>.internal`, Cloud Map) where internal services register. */
  internalServices: z.boolean().default(true),
  /** Who hears the alarms of every stack in the environment (e-mail subscriptions of its alerts topic). */
  alertEmails: z.array(z.email({ error: 'alertEmails holds e-mail addresses, such as alerts@example.com.' })).max(10).default([]),
  /** How many zones it spans (the ApexAI seed runs production over 2); default: its profile's, 2 or 3 in production. */
  zones: z.union([z.literal(2), z.literal(3)], { error: 'zones must be 2 or 3.' }).nullish(),
  /** The subnets' own CIDR blocks, one per zone in zone order (the seeds' layouts); empty: /24s allocated in order. */
  subnetCidrs: z
    .object({
      public: z.array(z.string()).max(3, { error: 'public subnets: one block per zone, at most 3.' }),
      private: z.array(z.string()).max(3, { error: 'private subnets: one block per zone, at most 3.' }),
      data: z.array(z.string()).max(3, { error: 'data subnets: one block per zone, at most 3.' }),
    })
    .nullish(),
}).superRefine((p, ctx) => {
  if (p.subnetCidrs) {
    const answers = {
      environment: p.environment,
      cidr: p.cidr,
      zones: p.zones ?? '',
      publicSubnetCidrs: p.subnetCidrs.public,
      privateSubnetCidrs: p.subnetCidrs.private,
      dataSubnetCidrs: p.subnetCidrs.data,
    };
    for (const problem of partRuleProblems('platformEnvironment', answers, profileFacts(p.environment, p.zones))) ctx.addIssue({ code: 'custom', ...problem });
  }
});

/** @public */
export type PlatformEnvironmentInput = z.input<typeof platformEnvironmentSchema>;

/** What an environment publishes, by key. */
const PUBLISHED = [
  'vpc-id',
  'availability-zones',
  'public-subnet-ids',
  'private-subnet-ids',
  'data-subnet-ids',
  'cluster-name',
  'alb-arn',
  'alb-full-name',
  'alb-dns-name',
  'alb-security-group-id',
  'https-listener-arn',
  'services-security-group-id',
  'namespace-id',
  'namespace-arn',
  'namespace-name',
  'alerts-topic-arn',
] as const;

/** @public */
export type PlatformEnvironmentExport = (typeof PUBLISHED)[number];

/**
 * The CloudFormation export under which an environment publishes one of its
 * ids: `platform-<name>-<key>`, e.g. `platform-crm-production-vpc-id`.
 *
 * @public
 */
export const platformEnvironmentExport = (name: string, key: PlatformEnvironmentExport) => `platform-${name}-${key}`;

/**
 * A platform environment: one per account × Region × environment name. The
 * network (public, private and data subnets, NAT, flow logs), an ECS cluster
 * with FARGATE and FARGATE_SPOT, and one internet-facing ALB that only speaks
 * HTTPS (TLS 1.2 or newer; HTTP answers with a redirect) and logs its access
 * to S3. Services, databases, caches and Kafka clusters deploy into it and
 * find it through the CloudFormation exports it publishes
 * (`platform-<name>-<key>`); CloudFormation then refuses to delete the
 * environment, or change what it exports, while a stack still uses it.
 *
 * @public
 */
export class PlatformEnvironment extends Construct implements PlatformEnvironmentRef {
  readonly name: string;
  readonly vpc: ec2.Vpc;
  readonly cluster: ecs.Cluster;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  readonly loadBalancerFullName: string;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly servicesSecurityGroup: ec2.SecurityGroup;
  readonly alertsTopic: sns.Topic;
  readonly namespace?: servicediscovery.PrivateDnsNamespace;
  /** The exports `platform-<name>-<key>` that stacks deploying into it import. */
  readonly exports: CfnOutput[];

  constructor(scope: Construct, id: string, input: PlatformEnvironmentInput & { availabilityZones: string[] }) {
    super(scope, id);
    const p = platformEnvironmentSchema.parse(input);
    const zones = profileZones(p.environment, input.availabilityZones, p.zones ?? undefined);
    this.name = p.name;

    this.vpc = new PlatformNetwork(this, 'Network', {
      environment: p.environment,
      cidr: p.cidr,
      availabilityZones: zones,
      zones: zones.length as 2 | 3,
      subnetCidrs: p.subnetCidrs ?? undefined,
    }).vpc;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: this.vpc,
      clusterName: p.name,
      enableFargateCapacityProviders: true,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    const lb = sharedLoadBalancer(this, p, this.vpc);
    this.loadBalancerSecurityGroup = lb.securityGroup;
    this.loadBalancer = lb.loadBalancer;
    this.loadBalancerFullName = lb.loadBalancer.loadBalancerFullName;
    this.httpsListener = lb.httpsListener;

    // Every service's tasks join this group; an internal service admits it on
    // its port and registers its tasks as <service>.<name>.internal.
    this.servicesSecurityGroup = new ec2.SecurityGroup(this, 'ServicesSg', {
      vpc: this.vpc,
      description: `${p.name} services: internal services admit their callers through this group`,
    });
    this.namespace = p.internalServices
      ? new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
          name: `${p.name}.internal`,
          vpc: this.vpc,
          description: `Internal services of the platform environment ${p.name}`,
        })
      : undefined;

    this.alertsTopic = alertsTopic(this, p);

    const subnetIds = (type: ec2.SubnetType) => Fn.join(',', this.vpc.selectSubnets({ subnetType: type }).subnetIds);
    const values: Partial<Record<PlatformEnvironmentExport, string>> = {
      'vpc-id': this.vpc.vpcId,
      'availability-zones': zones.join(','),
      'public-subnet-ids': subnetIds(ec2.SubnetType.PUBLIC),
      'private-subnet-ids': subnetIds(ec2.SubnetType.PRIVATE_WITH_EGRESS),
      'data-subnet-ids': subnetIds(ec2.SubnetType.PRIVATE_ISOLATED),
      'cluster-name': this.cluster.clusterName,
      'alb-arn': this.loadBalancer.loadBalancerArn,
      'alb-full-name': this.loadBalancer.loadBalancerFullName,
      'alb-dns-name': this.loadBalancer.loadBalancerDnsName,
      'alb-security-group-id': this.loadBalancerSecurityGroup.securityGroupId,
      'https-listener-arn': this.httpsListener.listenerArn,
      'services-security-group-id': this.servicesSecurityGroup.securityGroupId,
      'alerts-topic-arn': this.alertsTopic.topicArn,
      ...(this.namespace && {
        'namespace-id': this.namespace.namespaceId,
        'namespace-arn': this.namespace.namespaceArn,
        'namespace-name': this.namespace.namespaceName,
      }),
    };
    this.exports = PUBLISHED.filter(key => values[key] !== undefined).map(
      key =>
        new CfnOutput(this, `Export-${key}`, {
          value: values[key]!,
          exportName: platformEnvironmentExport(p.name, key),
          description: `${key} of the platform environment ${p.name}`,
        }),
    );
  }
}

/**
 * What a service, database, cache or Kafka cluster needs of the environment
 * it deploys into: the environment itself in its own stack, or, in another
 * stack, what `importPlatformEnvironment` reads back.
 *
 * @public
 */
export interface PlatformEnvironmentRef {
  name: string;
  vpc: ec2.IVpc;
  cluster: ecs.ICluster;
  httpsListener: elbv2.IApplicationListener;
  loadBalancerSecurityGroup: ec2.ISecurityGroup;
  /** The topic every alarm in the environment notifies. */
  alertsTopic: sns.ITopic;
  /** Every service's tasks join it; internal services admit it. */
  servicesSecurityGroup: ec2.ISecurityGroup;
  /** The environment's private DNS namespace (`<name>.internal`) for internal services, if it has one. */
  namespace?: servicediscovery.IPrivateDnsNamespace;
  /** `app/<name>/<id>`, the LoadBalancer dimension of ALB and target-group metrics. */
  loadBalancerFullName: string;
}

/**
 * Imports the environment `name` deployed in the stack's account and Region,
 * through its CloudFormation exports, which CloudFormation resolves when the
 * stack deploys: synthesis needs neither a context lookup nor credentials.
 * `availabilityZones` are the zones it was built over (its profile decides
 * how many: 2, or 3 in production).
 *
 * @public
 */
export function importPlatformEnvironment(
  scope: Construct,
  id: string,
  props: { name: string; environment: EnvironmentProfile; availabilityZones: string[]; zones?: number },
): PlatformEnvironmentRef {
  const s = new Construct(scope, id);
  const value = (key: PlatformEnvironmentExport) => Fn.importValue(platformEnvironmentExport(props.name, key));
  const zones = profileZones(props.environment, props.availabilityZones, props.zones);
  const list = (key: PlatformEnvironmentExport) => Fn.split(',', value(key), zones.length);
  const vpc = ec2.Vpc.fromVpcAttributes(s, 'Vpc', {
    vpcId: value('vpc-id'),
    availabilityZones: zones,
    publicSubnetIds: list('public-subnet-ids'),
    privateSubnetIds: list('private-subnet-ids'),
    isolatedSubnetIds: list('data-subnet-ids'),
  });
  const loadBalancerSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(s, 'AlbSg', value('alb-security-group-id'), { mutable: false });
  return {
    name: props.name,
    vpc,
    cluster: ecs.Cluster.fromClusterAttributes(s, 'Cluster', { clusterName: value('cluster-name'), vpc }),
    httpsListener: elbv2.ApplicationListener.fromApplicationListenerAttributes(s, 'Https', {
      listenerArn: value('https-listener-arn'),
      securityGroup: loadBalancerSecurityGroup,
    }),
    loadBalancerSecurityGroup,
    alertsTopic: sns.Topic.fromTopicArn(s, 'Alerts', value('alerts-topic-arn')),
    servicesSecurityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'ServicesSg', value('services-security-group-id'), { mutable: false }),
    namespace: servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(s, 'Namespace', {
      namespaceId: value('namespace-id'),
      namespaceArn: value('namespace-arn'),
      namespaceName: value('namespace-name'),
    }),
    loadBalancerFullName: value('alb-full-name'),
  };
}
