import { compareAlarms } from '@internal/plugin-aws-cloudwatch-common';
import { DEMO_SERVICES, demoAccountRegions } from '@internal/plugin-aws-node';
import { demoAlarms } from './demoAlarms';

const NOW = new Date('2026-11-25T10:00:00Z');
const all = demoAccountRegions().flatMap(ar => demoAlarms(ar, NOW));
const byName = (name: string) => all.find(a => a.alarmName === name)!;

describe('demoAlarms', () => {
  it('fires where the demo fleet breaks on purpose, and only there', () => {
    expect(
      all
        .filter(a => a.state === 'ALARM')
        .sort(compareAlarms)
        .map(a => a.alarmName),
    ).toEqual([
      'analytics-kafka-disk-high',
      'whatif-video-service-unhealthy-targets',
      'analytics-kafka-under-replicated',
      'apexai-server-target-5xx',
      'analytics-consumer-memory-high',
      'crm-social-service-memory-high',
    ]);
    expect(all.filter(a => a.state === 'INSUFFICIENT_DATA').map(a => a.alarmName).sort()).toEqual([
      'whatif-social-service-cpu-high',
      'whatif-social-service-memory-high',
    ]);
  });

  it('gives the OOM-killed service its memory alarm with history, a chart above the threshold and its entity', () => {
    const oom = byName('crm-social-service-memory-high');
    expect(oom).toMatchObject({
      stateSince: '2026-11-25T09:35:00.000Z',
      severity: 'critical',
      resources: ['arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-social-service'],
      tags: { 'backstage.io/entity': 'component:default/crm-social-service' },
    });
    expect(oom.history.map(h => `${h.from}→${h.to}`)).toEqual([
      'OK→ALARM',
      'ALARM→OK',
      'OK→ALARM',
      'ALARM→OK',
      'OK→ALARM',
    ]);
    const points = oom.chart!.points;
    expect(points).toHaveLength(180);
    expect(points[points.length - 1][1]).toBeGreaterThan(85);
    expect(points[0][1]).toBeLessThan(85);
  });

  it('watches every demo service, and names databases, caches and Kafka by their dimensions', () => {
    for (const s of DEMO_SERVICES) {
      expect(all.filter(a => a.resources[0]?.endsWith(`service/${s.cluster}/${s.name}`)).length).toBeGreaterThanOrEqual(2);
    }
    expect(byName('crm-redis-memory-high').resources[0]).toBe(
      'arn:aws:elasticache:us-east-1:111111111111:replicationgroup:crm-redis-cluster',
    );
    expect(byName('analytics-kafka-disk-high').resources).toEqual([
      'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka',
    ]);
    expect(byName('crm-core-service-degraded')).toMatchObject({ type: 'composite', state: 'OK' });
  });
});
