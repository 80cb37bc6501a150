import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  checkovFailures,
  cfnLintErrors,
  expectEveryFieldToMatter,
  synthWithNag,
} from './__testUtils__/synthCheck';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';
import { PlatformRdsDatabase, rdsDatabaseSchema, type RdsDatabaseInput } from './RdsDatabase';
import { applyPlatformTags } from './tags';

jest.setTimeout(120_000);

/** The CRM seed's database. */
const crmPostgres = (environment: EnvironmentProfile): RdsDatabaseInput => ({
  name: 'crm',
  environment,
  engine: 'postgres',
  engineVersion: '15.19',
  instanceClass: environment === 'development' ? 'db.t4g.medium' : 'db.r6g.large',
  databaseName: 'crm_production',
  allocatedStorageGiB: 500,
  maxAllocatedStorageGiB: 2000,
  backupRetentionDays: 7,
  backupWindow: '03:00-04:00',
  maintenanceWindow: 'sun:04:00-sun:05:00',
  parameters: {
    shared_preload_libraries: 'pg_stat_statements',
    log_statement: 'mod',
    log_min_duration_statement: '1000',
  },
  readReplica: {
    instanceClass: 'db.r6g.large',
    parameters: { default_statistics_target: '1000', random_page_cost: '1.1' },
  },
});

function build(input: RdsDatabaseInput) {
  return (stack: Stack) => {
    const network = new PlatformNetwork(stack, 'Network', { environment: input.environment as EnvironmentProfile });
    const db = new PlatformRdsDatabase(stack, 'Db', { ...input, vpc: network.vpc });
    applyPlatformTags(stack, {
      project: 'CRM-System',
      environment: input.environment as EnvironmentProfile,
      component: 'database',
      owner: 'crm-team@crm-consulting.com',
      costCenter: 'finance-consulting',
      entityRef: 'resource:default/crm-postgres',
    });
    return db;
  };
}

describe.each(ENVIRONMENT_PROFILES)('RDS database (%s)', environment => {
  const { template } = synthWithNag(build(crmPostgres(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions and cfn-lint, and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('follows the environment profile', () => {
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: `crm-${environment}`,
      Engine: 'postgres',
      EngineVersion: '15.19',
      StorageType: 'gp3',
      AllocatedStorage: '500',
      MaxAllocatedStorage: 2000,
      StorageEncrypted: true,
      MultiAZ: environment !== 'development',
      DeletionProtection: environment === 'production',
      EnableIAMDatabaseAuthentication: true,
      BackupRetentionPeriod: 7,
      PreferredBackupWindow: '03:00-04:00',
      PreferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      EnablePerformanceInsights: environment !== 'development',
      Tags: Match.arrayWith([{ Key: 'CostCenter', Value: 'finance-consulting' }]),
    });
  });

  it('forces TLS on the primary and the replica', () => {
    const groups = Object.values(t.findResources('AWS::RDS::DBParameterGroup')).map((r: any) => r.Properties.Parameters['rds.force_ssl']);
    expect(groups).toEqual(['1', '1']);
  });

  it('has a read replica with its own parameters, and the standard alarms', () => {
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: `crm-${environment}-replica`,
      SourceDBInstanceIdentifier: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: { default_statistics_target: '1000', random_page_cost: '1.1' },
    });
    for (const name of ['Cpu', 'FreeStorage', 'Connections', 'ReplicaLag']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `crm-${environment}-${name}` });
    }
  });
});

it('reproduces the MySQL seeds too', () => {
  const { template } = synthWithNag(
    build({ ...crmPostgres('production'), name: 'apexai', engine: 'mysql', engineVersion: '8.0.46', parameters: {}, readReplica: undefined }),
  );
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  Template.fromJSON(template).hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mysql', EngineVersion: '8.0.46', Port: '3306' });
});

it('reproduces ApexAI’s development MySQL on db.t3.micro, parameters given as the form’s list', () => {
  const input = {
    ...crmPostgres('development'),
    name: 'apexai',
    engine: 'mysql',
    engineVersion: '8.0.46',
    instanceClass: 'db.t3.micro',
    performanceInsights: false,
    parameters: [{ name: 'max_connections', value: 200 }, { name: 'slow_query_log', value: '1' }],
    readReplica: undefined,
  } as RdsDatabaseInput;
  const { template } = synthWithNag(build(input));
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  const t = Template.fromJSON(template);
  t.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mysql', DBInstanceClass: 'db.t3.micro' });
  // The form's values, and TLS forced whatever the form says.
  t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { max_connections: '200', slow_query_log: '1', require_secure_transport: '1' } });
});

it('reproduces the analytics seed’s database: master user, RDS Proxy with TLS, a replica of a smaller class', () => {
  const analytics: RdsDatabaseInput = {
    ...crmPostgres('production'),
    name: 'analytics',
    instanceClass: 'db.r5.xlarge',
    masterUsername: 'analytics',
    maintenanceWindow: 'mon:04:00-mon:05:00',
    parameters: {},
    readReplica: { instanceClass: 'db.r5.large' },
    proxy: { idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 100 },
  };
  let db: PlatformRdsDatabase | undefined;
  const { template } = synthWithNag(stack => {
    db = build(analytics)(stack);
  });
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  expect(db?.proxy).toBeDefined();
  const t = Template.fromJSON(template);
  t.hasResourceProperties('AWS::RDS::DBProxy', {
    DBProxyName: 'analytics-production-proxy',
    EngineFamily: 'POSTGRESQL',
    RequireTLS: true,
    IdleClientTimeout: 1800,
    Auth: [Match.objectLike({ AuthScheme: 'SECRETS', IAMAuth: 'REQUIRED' })],
  });
  t.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', {
    ConnectionPoolConfigurationInfo: Match.objectLike({ MaxConnectionsPercent: 100 }),
  });
  // RDS keeps and rotates the master password: no secret of the stack's own, the proxy reads RDS's.
  t.hasResourceProperties('AWS::RDS::DBInstance', { MasterUsername: 'analytics', ManageMasterUserPassword: true });
  t.resourceCountIs('AWS::SecretsManager::Secret', 0);
  t.hasResourceProperties('AWS::RDS::DBProxy', {
    Auth: [Match.objectLike({ SecretArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Db'), 'MasterUserSecret.SecretArn'] } })],
  });
  // CDK's proxy opens the database's group to itself once; the stack adds no second rule (AWS refuses duplicates).
  const selfRules = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).filter(
    r => JSON.stringify(r.Properties.SourceSecurityGroupId) === JSON.stringify(r.Properties.GroupId),
  );
  expect(selfRules).toHaveLength(1);
  t.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.r5.large', SourceDBInstanceIdentifier: Match.anyValue() });
  expect(rdsDatabaseSchema.safeParse({ ...analytics, masterUsername: 'postgres' }).error?.issues.map(i => i.message)).toEqual([
    'postgres is a name the engine reserves (as it does postgres, rdsadmin and root); choose another master user name, e.g. app_admin.',
  ]);
});

it('copies automated backups to the DR Region, as the CRM seed’s restore-from-backup plan needs', () => {
  const { template } = synthWithNag(build({ ...crmPostgres('production'), backupReplicationRegion: 'us-west-2' }));
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  Template.fromJSON(template).hasResourceProperties('AWS::RDS::DBInstance', {
    AutomaticBackupReplicationRegion: 'us-west-2',
    AutomaticBackupReplicationKmsKeyId: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:us-west-2:111111111111:alias/aws/rds']] },
  });
  expect(rdsDatabaseSchema.safeParse({ ...crmPostgres('production'), backupReplicationRegion: 'missing' }).error?.issues.map(i => i.message)).toEqual([
    'backupReplicationRegion must be a Region: choose a DR Region on the “Where it runs” page to copy backups there.',
  ]);
});

it('changes the template with every field', () => {
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, crmPostgres('production'), [
    { name: 'orders' },
    { engineVersion: '16.15' },
    { instanceClass: 'db.r6g.xlarge' },
    { databaseName: 'crm' },
    { allocatedStorageGiB: 100 },
    { maxAllocatedStorageGiB: 3000 },
    { multiAz: false },
    { backupRetentionDays: 14 },
    { backupWindow: '01:00-02:00' },
    { maintenanceWindow: 'sat:04:00-sat:05:00' },
    { performanceInsights: false },
    { parameters: { log_statement: 'all' } },
    { readReplica: undefined },
    { maxConnectionsAlarm: 400 },
    { masterUsername: 'crm_admin' },
    { proxy: {} },
    { proxy: { idleClientTimeoutSeconds: 900 } },
    { backupReplicationRegion: 'us-west-2' },
    { cpuAlarmPercent: 90 },
    { cpuAlarmPeriods: 2 },
  ]);
});

it('alarms on CPU as the CRM seed does: above 80 % for 2 periods', () => {
  const { template } = synthWithNag(build({ ...crmPostgres('production'), cpuAlarmPercent: 80, cpuAlarmPeriods: 2 }));
  Template.fromJSON(template).hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'crm-production-Cpu',
    Threshold: 80,
    EvaluationPeriods: 2,
    AlarmDescription: 'CPU above 80 % for 10 minutes.',
  });
});

describe('rdsDatabaseSchema', () => {
  it.each([
    [{ engine: 'mysql', engineVersion: '15.4' }, 'mysql has no version 15.4 here; choose one of 8.4.11, 8.4.10, 8.4.9, 8.0.46, 8.0.45, 8.0.44.'],
    [{ maxAllocatedStorageGiB: 100 }, 'Storage may grow to 100 GiB, below the 500 GiB it starts with; set it to 500 or more.'],
    [{ instanceClass: 'db.t4g.micro', performanceInsights: true }, 'A production database has Performance Insights, which db.t4g.micro lacks; choose db.t4g.medium or larger.'],
    [{ backupWindow: '3am' }, 'backupWindow must look like 03:00-04:00 (UTC).'],
    [{ parameters: [{ name: 'log_statement', value: 'mod' }, { name: 'log_statement', value: 'all' }] }, 'Parameter log_statement is given twice; give each name once (remove one of them, or rename it).'],
    [{ instanceClass: 'db.x1.huge' }, expect.stringMatching(/^instanceClass must be one of db\.t3\.micro/)],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = rdsDatabaseSchema.safeParse({ ...crmPostgres('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContainEqual(sentence);
  });
});
