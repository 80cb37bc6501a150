import { demoAccountRegions } from '@internal/plugin-aws-node';
import { demoMetrics } from './demoMetrics';

const newest = (now: Date) =>
  demoAccountRegions()
    .flatMap(ar => demoMetrics(ar, now))
    .flatMap(({ metrics }) =>
      metrics.series.map(s => [`${metrics.label} ${s.id}`, s.points[s.points.length - 1][1]] as const),
    );

describe('demoMetrics', () => {
  it('shows the same newest values at every hour of the day, and Kafka’s fullest broker above 80 %', () => {
    const morning = newest(new Date('2026-11-25T07:25:00Z'));
    const evening = newest(new Date('2026-11-25T19:40:00Z'));
    expect(morning.length).toBeGreaterThan(100);
    expect(evening).toEqual(morning);
    const kafka = new Map(morning);
    expect(kafka.get('MSK cluster analytics-kafka msk-disk')).toBe(86.5);
    expect(kafka.get('MSK cluster analytics-kafka msk-urp')).toBe(3);
  });

  it('still moves within the window: older points differ from the newest', () => {
    const [{ metrics }] = demoMetrics(demoAccountRegions()[0], new Date('2026-11-25T10:00:00Z'));
    const values = new Set(metrics.series[0].points.map(p => p[1]));
    expect(values.size).toBeGreaterThan(10);
  });
});
