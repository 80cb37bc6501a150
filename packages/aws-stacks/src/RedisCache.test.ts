import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cfnLintErrors, checkovFailures, expectEveryFieldToMatter, synthWithNag } from './__testUtils__/synthCheck';
import { PlatformNetwork } from './PlatformNetwork';
import { ENVIRONMENT_PROFILES, type EnvironmentProfile } from './profiles';
import { PlatformRedisCache, redisCacheSchema, type RedisCacheInput } from './RedisCache';
import { applyPlatformTags } from './tags';

jest.setTimeout(120_000);

/** The CRM seed's cache: 3 × cache.r6g.large, Multi-AZ, 7-day snapshots. */
const crmRedis = (environment: EnvironmentProfile): RedisCacheInput => ({
  name: 'crm-redis',
  environment,
  engineVersion: '7.0',
  nodeType: 'cache.r6g.large',
  replicas: 2,
  snapshotRetentionDays: 7,
  snapshotWindow: '03:00-05:00',
});

function build(input: RedisCacheInput) {
  return (stack: Stack) => {
    const network = new PlatformNetwork(stack, 'Network', { environment: input.environment as EnvironmentProfile });
    const cache = new PlatformRedisCache(stack, 'Cache', { ...input, vpc: network.vpc });
    applyPlatformTags(stack, {
      project: 'CRM-System',
      environment: input.environment as EnvironmentProfile,
      component: 'cache',
      owner: 'crm-team@crm-consulting.com',
      costCenter: 'finance-consulting',
      entityRef: 'resource:default/crm-redis',
    });
    return cache;
  };
}

describe.each(ENVIRONMENT_PROFILES)('Redis cache (%s)', environment => {
  const { template } = synthWithNag(build(crmRedis(environment)));
  const t = Template.fromJSON(template);

  it('passes cdk-nag AwsSolutions and cfn-lint, and checkov', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
  });

  it('encrypts, authenticates and fails over as the profile says', () => {
    t.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      ReplicationGroupId: `crm-redis-${environment}`,
      CacheNodeType: 'cache.r6g.large',
      EngineVersion: '7.0',
      ReplicasPerNodeGroup: 2,
      MultiAZEnabled: environment !== 'development',
      AutomaticFailoverEnabled: environment !== 'development',
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthToken: Match.anyValue(),
      SnapshotRetentionLimit: 7,
      Tags: Match.arrayWith([{ Key: 'Component', Value: 'cache' }]),
    });
    for (const name of ['EngineCpu', 'Memory', 'Evictions', 'Connections']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `crm-redis-${environment}-${name}` });
    }
  });
});

it('turns cluster mode on with more than one shard (the modular-monolith seed)', () => {
  const { template } = synthWithNag(build({ ...crmRedis('production'), name: 'crm-monolith-redis', shards: 3, replicas: 1 }));
  expect(cfnLintErrors(template)).toEqual([]);
  expect(checkovFailures(template)).toEqual([]);
  Template.fromJSON(template).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
    NumNodeGroups: 3,
    AutomaticFailoverEnabled: true,
  });
});

it('changes the template with every field', () => {
  expectEveryFieldToMatter(input => synthWithNag(build(input)).template, crmRedis('production'), [
    { name: 'sessions' },
    { engineVersion: '7.1' },
    { engine: 'valkey', engineVersion: '9.1' },
    { nodeType: 'cache.m6g.large' },
    { replicas: 1 },
    { shards: 2 },
    { snapshotRetentionDays: 3 },
    { snapshotWindow: '01:00-02:00' },
    { maintenanceWindow: 'sat:06:00-sat:07:00' },
  ]);
});

describe.each(ENVIRONMENT_PROFILES)('Valkey cache (%s)', environment => {
  const { template } = synthWithNag(build({ ...crmRedis(environment), engine: 'valkey', engineVersion: '9.1' }));

  it('keeps the same failover, TLS, AUTH and snapshot guarantees as Redis OSS, and passes the checks', () => {
    expect(cfnLintErrors(template)).toEqual([]);
    expect(checkovFailures(template)).toEqual([]);
    Template.fromJSON(template).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'valkey',
      EngineVersion: '9.1',
      ReplicationGroupDescription: `crm-redis Valkey (${environment})`,
      MultiAZEnabled: environment !== 'development',
      AutomaticFailoverEnabled: environment !== 'development',
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthToken: Match.anyValue(),
      SnapshotRetentionLimit: 7,
      PreferredMaintenanceWindow: 'sun:06:00-sun:07:00',
    });
  });
});

it('says why a cache is single-AZ, and only where that is true', () => {
  const reasons = (input: RedisCacheInput) => JSON.stringify(synthWithNag(build(input)).acknowledged);
  expect(reasons({ ...crmRedis('staging'), multiAz: false, replicas: 0 })).toContain('its owner turned Multi-AZ off for this staging cache');
  expect(reasons({ ...crmRedis('development'), replicas: 0 })).toContain('The development profile is single-AZ by design');
  expect(reasons(crmRedis('production'))).not.toContain('AwsSolutions-AEC4');
});

describe('redisCacheSchema', () => {
  it.each([
    [{ environment: 'staging', replicas: 0, multiAz: true }, 'Multi-AZ with automatic failover needs at least one replica; add a replica or turn Multi-AZ off.'],
    [{ replicas: 0 }, 'A production cache is Multi-AZ with automatic failover, which needs at least one replica; set replicas to 1 or more.'],
    [{ multiAz: false }, 'A production cache is Multi-AZ with automatic failover; leave Multi-AZ on, or stamp the cache into a development or staging environment.'],
    [{ engineVersion: '5.0' }, 'Redis OSS has no version 5.0 here; choose one of 7.1, 7.0, 6.2.'],
    [{ engine: 'valkey', engineVersion: '7.0' }, 'Valkey has no version 7.0 here; choose one of 9.1, 9.0, 8.2, 8.1, 7.2.'],
    [{ engine: 'memcached' }, 'engine must be valkey or redis.'],
    [{ shards: 2, nodeType: 'cache.t4g.small' }, 'cache.t4g.small is burstable, which ElastiCache does not offer for a sharded production cache; choose cache.m6g.large or cache.r6g.large, or keep 1 shard.'],
    [{ maintenanceWindow: 'sunday 6am' }, 'maintenanceWindow must look like sun:06:00-sun:07:00 (UTC).'],
    [{ maintenanceWindow: 'sun:06:00-sun:06:30' }, 'ElastiCache needs a maintenance window of at least an hour; sun:06:00-sun:06:30 is shorter (try sun:06:00-sun:07:00).'],
    [{ maintenanceWindow: 'tue:04:00-tue:05:00' }, 'The maintenance window tue:04:00-tue:05:00 overlaps the daily snapshot window 03:00-05:00; ElastiCache refuses that (try sun:06:00-sun:07:00).'],
    [{ maintenanceWindow: 'sun:23:30-mon:03:30' }, 'The maintenance window sun:23:30-mon:03:30 overlaps the daily snapshot window 03:00-05:00; ElastiCache refuses that (try sun:06:00-sun:07:00).'],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = redisCacheSchema.safeParse({ ...crmRedis('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(sentence);
  });

  it('accepts a maintenance window that meets the snapshot window at a boundary only, or when snapshots are off', () => {
    expect(redisCacheSchema.safeParse({ ...crmRedis('production'), maintenanceWindow: 'mon:05:00-mon:06:00' }).success).toBe(true);
    expect(redisCacheSchema.safeParse({ ...crmRedis('production'), maintenanceWindow: 'mon:04:00-mon:05:00', snapshotRetentionDays: 0 }).success).toBe(true);
  });
});
