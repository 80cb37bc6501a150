import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct, IConstruct } from 'constructs';
import { acknowledge, skipCheckov } from './nag';

/* What the RDS database and its cross-Region replica build the same way. */

/** Classes without Performance Insights. */
export const NO_PERFORMANCE_INSIGHTS: ReadonlySet<string> = new Set(['db.t3.micro', 'db.t3.small', 'db.t4g.micro', 'db.t4g.small']);

/** The CDK engine of a platform engine and version. */
export function engineFor(engine: 'postgres' | 'mysql', version: string) {
  const major = engine === 'postgres' ? version.split('.')[0] : version.split('.').slice(0, 2).join('.');
  return engine === 'postgres'
    ? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(version, major) })
    : rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.of(version, major) });
}

/** The EC2 instance type of an RDS instance class. */
export function instanceType(cls: string) {
  return new ec2.InstanceType(cls.replace(/^db\./, ''));
}

/**
 * A database's two security groups: the one its instances sit in, which
 * admits only members of the other, the client group, on the engine's port.
 */
export function databaseSecurityGroups(scope: Construct, vpc: ec2.IVpc, name: string, port: number) {
  const clientSecurityGroup = new ec2.SecurityGroup(scope, 'Clients', {
    vpc,
    description: `Members may connect to the ${name} database`,
  });
  const securityGroup = new ec2.SecurityGroup(scope, 'Sg', {
    vpc,
    description: `${name} database: only members of its client group may connect`,
    allowAllOutbound: false,
  });
  securityGroup.addIngressRule(clientSecurityGroup, ec2.Port.tcp(port), 'From the client group only');
  return { clientSecurityGroup, securityGroup };
}

/** Clients must speak TLS: the platform's parameter, which wins over the form's. */
export function forceTlsParameters(engine: 'postgres' | 'mysql'): Record<string, string> {
  return engine === 'postgres' ? { 'rds.force_ssl': '1' } : { require_secure_transport: '1' };
}

/** Enhanced monitoring's role uses AWS's managed policy. */
export function acknowledgeEnhancedMonitoring(scope: IConstruct) {
  acknowledge(
    scope,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
    'Enhanced monitoring uses AWS’s own AmazonRDSEnhancedMonitoringRole policy.',
  );
}

/**
 * What cdk-nag and checkov find on every read replica, and why the platform
 * accepts it: the port, the encryption it inherits (CloudFormation refuses the
 * flag on replicas), a single instance, and no deletion protection where the
 * profile is disposable.
 */
export function acknowledgeReadReplica(
  replica: IConstruct,
  why: { encryption: string; singleInstance: string; disposable?: string },
) {
  acknowledge(replica, 'AwsSolutions-RDS11', 'Same port as its primary; the security group admits the client group only.');
  acknowledge(replica, 'AwsSolutions-RDS2', why.encryption);
  acknowledge(replica, 'AwsSolutions-RDS3', why.singleInstance);
  skipCheckov(replica, 'CKV_AWS_16', why.encryption);
  skipCheckov(replica, 'CKV_AWS_157', why.singleInstance);
  if (why.disposable) acknowledge(replica, 'AwsSolutions-RDS10', why.disposable);
}
