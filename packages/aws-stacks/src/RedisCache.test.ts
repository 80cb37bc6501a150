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
    { nodeType: 'cache.m6g.large' },
    { replicas: 1 },
    { shards: 2 },
    { multiAz: false },
    { snapshotRetentionDays: 3 },
    { snapshotWindow: '01:00-02:00' },
  ]);
});

describe('redisCacheSchema', () => {
  it.each([
    [{ replicas: 0, multiAz: true }, 'Multi-AZ with automatic failover needs at least one replica; add a replica or turn Multi-AZ off.'],
    [{ environment: 'production', replicas: 0 }, 'Multi-AZ with automatic failover needs at least one replica; add a replica or turn Multi-AZ off.'],
    [{ engineVersion: '5.0' }, 'engineVersion must be one of 6.2, 7.0, 7.1.'],
  ])('refuses %j with a sentence', (change, sentence) => {
    const result = redisCacheSchema.safeParse({ ...crmRedis('production'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(sentence);
  });
});
