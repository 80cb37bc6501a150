/*
 * The parts of a platform environment, each adding its constructs under the
 * environment's scope (so their logical ids are the environment's own): the
 * shared load balancer with its access logs and listeners, and the alerts
 * topic every stack's alarms notify.
 */
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { z } from 'zod';
import { acknowledge, skipCheckov } from './nag';
import type { platformEnvironmentSchema } from './PlatformEnvironment';
import { PROFILE_DEFAULTS } from './profiles';

/** An environment's answers, parsed. */
export type PlatformEnvironmentAnswers = z.output<typeof platformEnvironmentSchema>;

/**
 * The internet-facing load balancer every service of the environment sits
 * behind: HTTPS only (HTTP answers with a permanent redirect), its own
 * security group open on 443 and 80, its access logs in a bucket of its own.
 */
export function sharedLoadBalancer(scope: Construct, p: PlatformEnvironmentAnswers, vpc: ec2.IVpc) {
  const profile = PROFILE_DEFAULTS[p.environment];
  const securityGroup = new ec2.SecurityGroup(scope, 'AlbSg', { vpc, description: `${p.name} load balancer: HTTPS, and HTTP only to redirect` });
  securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
  securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere, answered with a redirect to HTTPS');
  acknowledge(securityGroup, 'AwsSolutions-EC23', 'The shared load balancer is internet-facing by design; only 443 and the redirecting 80 are open.');
  skipCheckov(securityGroup, 'CKV_AWS_260', 'Port 80 only answers with a permanent redirect to HTTPS: the HTTP listener has no other action.');

  const accessLogs = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    removalPolicy: profile.removalPolicy,
    lifecycleRules: [{ expiration: Duration.days(p.accessLogDays), noncurrentVersionExpiration: Duration.days(7) }],
  });
  const recursion = 'This bucket holds the load balancer’s access logs itself; logging its own access would recurse.';
  acknowledge(accessLogs, 'AwsSolutions-S1', recursion);
  skipCheckov(accessLogs, 'CKV_AWS_18', recursion);

  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, 'Alb', {
    vpc,
    internetFacing: true,
    securityGroup,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    dropInvalidHeaderFields: true,
    deletionProtection: profile.deletionProtection,
  });
  loadBalancer.logAccessLogs(accessLogs, p.name);
  const httpsListener = loadBalancer.addListener('Https', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificates: [elbv2.ListenerCertificate.fromArn(p.certificateArn)],
    // TLS 1.3 and 1.2 only.
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'No service answers this path.' }),
    open: false,
  });
  loadBalancer.addListener('Http', {
    port: 80,
    protocol: elbv2.ApplicationProtocol.HTTP,
    defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    open: false,
  });
  return { securityGroup, loadBalancer, httpsListener };
}

/**
 * The topic every alarm of every stack in the environment notifies, and its
 * subscribers. Its key is the environment's own: CloudWatch cannot publish to
 * a topic encrypted with the AWS managed key.
 */
export function alertsTopic(scope: Construct, p: PlatformEnvironmentAnswers): sns.Topic {
  const alertsKey = new kms.Key(scope, 'AlertsKey', {
    description: `Encrypts the alerts of the platform environment ${p.name}`,
    enableKeyRotation: true,
    removalPolicy: PROFILE_DEFAULTS[p.environment].removalPolicy,
  });
  for (const service of ['cloudwatch.amazonaws.com', 'elasticache.amazonaws.com']) {
    alertsKey.grant(new iam.ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey*');
  }
  const topic = new sns.Topic(scope, 'Alerts', { topicName: `${p.name}-alerts`, masterKey: alertsKey, enforceSSL: true });
  for (const email of p.alertEmails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}
