import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PLATFORM_REASONS, skipCheckov } from './nag';
import { PROFILE_DEFAULTS, profileZones, type EnvironmentProfile } from './profiles';

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
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.0.0.0/16'),
      ...(props.availabilityZones
        ? { availabilityZones: profileZones(props.environment, props.availabilityZones) }
        : { maxAzs: profile.availabilityZones }),
      natGateways: profile.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: profile.logRetentionDays as logs.RetentionDays,
    });
    skipCheckov(flowLogs, 'CKV_AWS_158', PLATFORM_REASONS.logsWithoutCustomerKey);
    this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
  }
}
