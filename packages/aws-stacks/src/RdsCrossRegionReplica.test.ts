import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkovFailures, cfnLintErrors, expectEveryFieldToMatter, synthWithNag } from './__testUtils__/synthCheck';
import { estimateMonthlyCost } from './estimate';
import { createPlatformApp, parsePlatformStackConfig, type PlatformStackConfig } from './platformStack';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';
import {
  parseRdsInstanceArn,
  PlatformRdsCrossRegionReplica,
  type RdsCrossRegionReplicaInput,
  rdsCrossRegionReplicaSchema,
} from './RdsCrossRegionReplica';

jest.setTimeout(120_000);

/** Seed 004's disaster-recovery replica: the analytics primary's copy in the other Region, promoted on a Region loss (RPO 5 min). */
const analyticsDr = (environment: EnvironmentProfile): RdsCrossRegionReplicaInput => ({
  name: 'analytics-dr',
  environment,
  sourceDatabaseArn: 'arn:aws:rds:us-west-2:111111111111:db:analytics-production',
  engine: 'postgres',
  engineVersion: '15.19',
  instanceClass: 'db.r5.large',
  storageGiB: 500,
  maxLagSeconds: 300,
});

function build(input: RdsCrossRegionReplicaInput) {
  return (stack: Stack) => {
    const network = new PlatformNetwork(stack, 'Network', { environment: input.environment as EnvironmentProfile });
    return new PlatformRdsCrossRegionReplica(stack, 'Replica', { ...input, vpc: network.vpc });
  };
}

describe.each(ENVIRONMENT_PROFILES)('cross-Region read replica (%s)', environment => {
  const { template } = synthWithNag(build(analyticsDr(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions, cfn-lint and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('replicates the source by its ARN, encrypted with a rotating key of its own Region, TLS forced', () => {
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: `analytics-dr-${environment}`,
      SourceDBInstanceIdentifier: 'arn:aws:rds:us-west-2:111111111111:db:analytics-production',
      DBInstanceClass: 'db.r5.large',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplicaKey'), 'Arn'] },
      StorageEncrypted: Match.absent(),
      PubliclyAccessible: false,
      DeletionProtection: environment === 'production',
      EnablePerformanceInsights: true,
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'postgres15', Parameters: { 'rds.force_ssl': '1' } });
  });

  it('alarms when it lags by more than the RPO, on CPU and on free storage', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `analytics-dr-${environment}-ReplicaLag`,
      MetricName: 'ReplicaLag',
      Threshold: 300,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: `analytics-dr-${environment}` }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `analytics-dr-${environment}-Cpu` });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `analytics-dr-${environment}-FreeStorage`,
      Threshold: Math.round(500 * 0.1 * 1024 ** 3),
      ComparisonOperator: 'LessThanThreshold',
    });
  });
});

it('changes the template with every field', () => {
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, analyticsDr('production'), [
    { name: 'orders-dr' },
    { sourceDatabaseArn: 'arn:aws:rds:us-west-2:111111111111:db:orders-production' },
    { engine: 'mysql', engineVersion: '8.0.46' },
    { engineVersion: '16.15' },
    { instanceClass: 'db.r6g.large' },
    { parameters: { log_statement: 'all' } },
    { storageGiB: 1000 },
    { maxLagSeconds: 60 },
  ]);
});

describe('rdsCrossRegionReplicaSchema', () => {
  it.each([
    [{ sourceDatabaseArn: 'analytics-production' }, expect.stringMatching(/^sourceDatabaseArn must be an RDS DB instance ARN/)],
    [{ sourceDatabaseArn: 'arn:aws:rds:us-west-2:111111111111:cluster:analytics' }, expect.stringMatching(/^sourceDatabaseArn must be an RDS DB instance ARN/)],
    [{ engine: 'mysql', engineVersion: '15.4' }, 'The source runs mysql 15.4, which RDS no longer creates; upgrade the source to one of 8.4.11, 8.4.10, 8.4.9, 8.0.46, 8.0.45, 8.0.44, then stamp its replica.'],
    [{ instanceClass: 'db.x1.huge' }, expect.stringMatching(/^instanceClass must be one of db\.t3\.micro/)],
    [{ storageGiB: 10 }, expect.stringMatching(/>=20/)],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = rdsCrossRegionReplicaSchema.safeParse({ ...analyticsDr('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContainEqual(sentence);
  });

  it('reads an instance ARN, in any partition', () => {
    expect(parseRdsInstanceArn('arn:aws:rds:us-east-1:111111111111:db:analytics-production')).toEqual({
      region: 'us-east-1',
      account: '111111111111',
      identifier: 'analytics-production',
    });
    expect(parseRdsInstanceArn('arn:aws-us-gov:rds:us-gov-west-1:111111111111:db:x1')?.region).toBe('us-gov-west-1');
    expect(parseRdsInstanceArn('arn:aws:rds:us-east-1:111111111111:snapshot:x')).toBeUndefined();
  });
});

it("says where the source's engine, version and storage come from when its catalog entity lacks them", () => {
  const result = rdsCrossRegionReplicaSchema.safeParse({ ...analyticsDr('production'), engine: null, engineVersion: null, storageGiB: null });
  expect(result.error?.issues.map(i => `${i.path.join('.')}: ${i.message}`)).toEqual([
    "engine: engine is the source's, postgres or mysql: its catalog entity's aws.portal/engine annotation (the rds-database template writes it).",
    "engineVersion: engineVersion is the source's: its catalog entity's aws.portal/engine-version annotation (the rds-database template writes it).",
    "storageGiB: storageGiB is the source's allocated storage: its catalog entity's aws.portal/storage-gib annotation (the rds-database template writes it).",
  ]);
});

describe('as a stack in the DR Region’s environment', () => {
  /** The analytics seed's primary is in us-east-1; its replica goes into the us-west-2 environment. */
  const config: PlatformStackConfig = {
    kind: 'rds-cross-region-replica',
    stackName: 'analytics-dr-production',
    account: '111111111111',
    region: 'us-west-2',
    environment: 'production',
    environmentName: 'analytics-dr',
    tags: { project: 'Analytics-Platform', component: 'database', owner: 'group:default/team-analytics', costCenter: 'data-platform', entityRef: 'resource:default/analytics-dr' },
    replica: { ...analyticsDr('production'), sourceDatabaseArn: 'arn:aws:rds:us-east-1:111111111111:db:analytics-production' },
  };

  it('builds in the environment, its alarms on the environment’s alerts topic', () => {
    const { app, stack } = createPlatformApp(parsePlatformStackConfig(config), mkdtempSync(join(tmpdir(), 'platform-stack-')));
    app.synth();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      SourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:111111111111:db:analytics-production',
      DBSubnetGroupName: Match.anyValue(),
    });
    const topic = { 'Fn::ImportValue': 'platform-analytics-dr-alerts-topic-arn' };
    const alarms = Object.values<any>(t.toJSON().Resources).filter(r => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(3);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([topic]);
  });

  it('refuses a source in its own Region or in another account', () => {
    const replica = config.kind === 'rds-cross-region-replica' ? config.replica : undefined;
    expect(() => parsePlatformStackConfig({ ...config, replica: { ...replica, sourceDatabaseArn: 'arn:aws:rds:us-west-2:111111111111:db:analytics-production' } })).toThrow(
      "replica.sourceDatabaseArn: The source database is in us-west-2, the chosen environment's Region; a cross-Region replica goes into an environment of another Region: choose one in its DR Region, e.g. us-east-1.",
    );
    expect(() => parsePlatformStackConfig({ ...config, replica: { ...replica, sourceDatabaseArn: 'arn:aws:rds:us-east-1:222222222222:db:analytics-production' } })).toThrow(
      'replica.sourceDatabaseArn: The source database is in account 222222222222 and the chosen environment in 111111111111; RDS replicates within one account, so choose an environment of account 222222222222.',
    );
  });

  it('is estimated as its instance, the source’s storage and its key', () => {
    const estimate = estimateMonthlyCost(config);
    expect(estimate.lines.map(l => l.item)).toEqual([
      'RDS cross-Region read replica db.r5.large',
      "RDS gp3 storage 500 GiB (the source's)",
      'KMS key of the replica’s Region',
    ]);
    // db.r5.large at 0.25 USD an hour × 730 h, 500 GiB × 0.115, 1 USD.
    expect(estimate.monthlyUsd).toBeCloseTo(182.5 + 57.5 + 1, 2);
  });
});
