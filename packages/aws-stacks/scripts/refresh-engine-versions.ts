/*
 * yarn workspace @internal/aws-stacks refresh-versions [--dry-run] [--region us-east-1]
 *
 * Asks AWS (with the default credential chain) which engine versions new
 * RDS, ElastiCache and MSK resources may use, prints what changed against
 * src/engineVersions.ts, and, unless --dry-run, rewrites that file and the
 * forms' lists. Instance classes RDS cannot create for a new default are
 * printed for review. Without credentials it says so and exits with 2.
 */
import { RDSClient } from '@aws-sdk/client-rds';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { join } from 'node:path';
import { RDS_INSTANCE_CLASSES } from '../src/RdsDatabase';
import { describeChanges, refreshAll, unorderableClasses, writeRefreshed } from './engineVersionRefresh';

async function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const regionAt = args.indexOf('--region');
  const region = regionAt >= 0 ? args[regionAt + 1] : process.env.AWS_REGION ?? 'us-east-1';
  const clients = { rds: new RDSClient({ region }), elasticache: new ElastiCacheClient({ region }), kafka: new KafkaClient({ region }) };
  try {
    // The SDK's default credential chain (environment, profile, SSO, instance role).
    await clients.rds.config.credentials();
  } catch {
    console.error('No AWS credentials: configure a profile or AWS_ACCESS_KEY_ID, then run this again. Nothing was changed.');
    process.exit(2);
  }
  const refreshed = await refreshAll(clients);
  for (const line of describeChanges(refreshed)) console.log(line);
  for (const { id, after } of refreshed) {
    if (id !== 'rdsPostgres' && id !== 'rdsMysql') continue;
    const engine = id === 'rdsPostgres' ? 'postgres' : 'mysql';
    const missing = await unorderableClasses(clients.rds, engine, after[0], RDS_INSTANCE_CLASSES);
    if (missing.length) console.log(`review: RDS cannot create ${missing.join(', ')} with ${engine} ${after[0]} in ${region}`);
  }
  if (dryRun) return;
  const checked = new Date().toISOString().slice(0, 10);
  const files = writeRefreshed(join(__dirname, '../../..'), refreshed, checked, region);
  console.log(`wrote ${files.join(', ')} (checked ${checked} in ${region}); run the aws-stacks tests before committing.`);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
