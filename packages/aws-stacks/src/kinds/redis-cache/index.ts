import { PRICE_TABLE } from '../../prices';
import { PROFILE_DEFAULTS } from '../../profiles';
import { PlatformRedisCache, type RedisCacheInput, redisCacheSchema } from '../../RedisCache';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** An ElastiCache (Valkey or Redis OSS) replication group. @public */
export const cachePart: StackPart<RedisCacheInput> = {
  id: 'Cache',
  schema: redisCacheSchema,
  withStack: (value, where) => ({ ...value, environment: where.environment }),
  build(scope, input, site) {
    const platform = platformOf(site);
    const built = new PlatformRedisCache(scope, this.id, { ...input, vpc: platform.vpc, notificationTopicArn: platform.alertsTopic.topicArn });
    return { alarms: built.alarms, clientSecurityGroup: built.clientSecurityGroup };
  },
  estimate(c: ReturnType<typeof redisCacheSchema.parse>, where, add) {
    const profile = PROFILE_DEFAULTS[where.environment];
    const node = c.nodeType ?? profile.cacheNodeType;
    const nodes = c.shards * (1 + (c.replicas ?? profile.cacheReplicas));
    const valkey = c.engine === 'valkey';
    const share = valkey ? PRICE_TABLE.elasticache.valkeyShare : 1;
    add(`ElastiCache ${valkey ? 'Valkey' : 'Redis OSS'} ${nodes} × ${node}`, nodes * PRICE_TABLE.elasticache.nodeHour[node] * share * PRICE_TABLE.hoursPerMonth);
  },
};

/** @public */
export const redisCacheKind = defineStackKind({ kind: 'redis-cache', inEnvironment: true, parts: { cache: cachePart } });
