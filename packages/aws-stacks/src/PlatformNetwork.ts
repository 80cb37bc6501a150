import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PLATFORM_REASONS, skipCheckov } from './nag';
import { natGatewaysFor, PROFILE_DEFAULTS, profileZones, type EnvironmentProfile } from './profiles';

/** @public */
export interface PlatformNetworkProps {
  environment: EnvironmentProfile;
  /** Default 10.0.0.0/16, as in the seeds. */
  cidr?: string;
  /**
   * The zones to use. Default: the stack's own zones as CDK knows them
   * (placeholders without a context lookup).
   */
  availabilityZones?: string[];
  /** How many zones it spans; default: its profile's (2, or 3 in production). */
  zones?: 2 | 3;
  /** Each subnet group's CIDR blocks in zone order (checked by subnetLayoutProblems); default: /24s in order. */
  subnetCidrs?: SubnetCidrs;
}

/** The CIDR blocks of the public, private (tasks) and data subnets, one per zone. @public */
export interface SubnetCidrs {
  public: string[];
  private: string[];
  data: string[];
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The first and last address of a CIDR block as numbers; undefined when it is not one. */
function cidrRange(cidr: string): [number, number] | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some(o => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  if (address % size !== 0) return undefined;
  return [address, address + size - 1];
}

/**
 * What is wrong with a subnet layout for a VPC over `zones` zones: each group
 * needs one block per zone, each a /16 to /28 inside the VPC's CIDR, none
 * overlapping another. Empty when it can be built.
 *
 * @public
 */
export function subnetLayoutProblems(
  vpcCidr: string,
  zones: number,
  layout: SubnetCidrs,
): Array<{ group: keyof SubnetCidrs; message: string }> {
  const problems: Array<{ group: keyof SubnetCidrs; message: string }> = [];
  const vpc = cidrRange(vpcCidr);
  const taken = Object.values(layout).flat().map(cidrRange).filter((r): r is [number, number] => !!r);
  // A /24 of the VPC that no given block meets, from the group's own tens (public 1, private 11, data 21).
  const prefix = vpcCidr.split('.').slice(0, 2).join('.');
  const prefixIsRange = cidrRange(`${prefix}.0.0/16`) !== undefined;
  const free = (group: keyof SubnetCidrs) => {
    const start = { public: 1, private: 11, data: 21 }[group];
    for (let i = 0; i < 256 && prefixIsRange; i++) {
      const cidr = `${prefix}.${(start + i) % 256}.0/24`;
      const range = cidrRange(cidr)!;
      if (!taken.some(t => range[0] <= t[1] && t[0] <= range[1])) return cidr;
    }
    return `10.0.${start}.0/24`;
  };
  const seen: Array<{ cidr: string; range: [number, number] }> = [];
  for (const group of ['public', 'private', 'data'] as const) {
    const blocks = layout[group];
    if (blocks.length !== zones) {
      const advice = blocks.length < zones ? `add ${free(group)}` : `remove ${blocks.length - zones}`;
      problems.push({ group, message: `${group} subnets: one block per zone, ${zones} here; ${blocks.length} given (${advice}).` });
    }
    for (const cidr of blocks) {
      const range = cidrRange(cidr);
      const bits = Number(cidr.split('/')[1]);
      if (!range || bits < 16 || bits > 28) {
        problems.push({ group, message: `${cidr} is not a CIDR block from /16 to /28 (such as 10.0.1.0/24).` });
        continue;
      }
      if (vpc && (range[0] < vpc[0] || range[1] > vpc[1])) {
        problems.push({ group, message: `${cidr} is outside the VPC's ${vpcCidr}; choose a block inside it, such as ${free(group)}.` });
      }
      const clash = seen.find(o => range[0] <= o.range[1] && o.range[0] <= range[1]);
      if (clash) problems.push({ group, message: `${cidr} overlaps ${clash.cidr}; give each subnet its own block, such as ${free(group)}.` });
      seen.push({ cidr, range });
    }
  }
  return problems;
}

/**
 * The seeds' network: public subnets for the load balancer, private subnets
 * with egress for tasks, isolated subnets for data stores, over 2 AZs (3 in
 * production), with VPC flow logs.
 *
 * @public
 */
export class PlatformNetwork extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    const profile = PROFILE_DEFAULTS[props.environment];
    const zones = props.zones ?? profile.availabilityZones;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.0.0.0/16'),
      ...(props.availabilityZones
        ? { availabilityZones: profileZones(props.environment, props.availabilityZones, zones) }
        : { maxAzs: zones }),
      natGateways: natGatewaysFor(props.environment, zones),
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    if (props.subnetCidrs) {
      // The layout asked for: CDK allocates /24s in order; each subnet gets its block instead.
      const groups: Array<[ec2.ISubnet[], string[]]> = [
        [this.vpc.publicSubnets, props.subnetCidrs.public],
        [this.vpc.privateSubnets, props.subnetCidrs.private],
        [this.vpc.isolatedSubnets, props.subnetCidrs.data],
      ];
      for (const [subnets, cidrs] of groups) {
        subnets.forEach((subnet, i) => {
          (subnet.node.defaultChild as ec2.CfnSubnet).cidrBlock = cidrs[i];
        });
      }
    }
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: profile.logRetentionDays as logs.RetentionDays,
    });
    skipCheckov(flowLogs, 'CKV_AWS_158', PLATFORM_REASONS.logsWithoutCustomerKey);
    this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
  }
}
