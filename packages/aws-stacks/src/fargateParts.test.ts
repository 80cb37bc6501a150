/*
 * The Fargate service's parts on their own: the capacity providers' weights
 * and bases, and the alarms a worker gets (the whole service is tested in
 * FargateService.test.ts).
 */
import { App, Stack } from 'aws-cdk-lib';
import { capacityProviders, customMetric } from './fargateParts';
import { type FargateServiceProps, fargateServiceSchema } from './FargateService';

const answers = (extra: Record<string, unknown> = {}): FargateServiceProps =>
  fargateServiceSchema.parse({
    serviceName: 'crm-core-service', image: 'public.ecr.aws/nginx/nginx:1.27', containerPort: 80, cpu: 256, memoryMiB: 512,
    healthCheckPath: '/', desiredCount: 2, minCount: 2, maxCount: 4, environment: 'production', pathPatterns: ['/*'], ...extra,
  });

describe('capacityProviders', () => {
  it('gives FARGATE the first task, unless Spot holds a base', () => {
    expect(capacityProviders(answers({ spotWeight: 30, fargateWeight: 70 }))).toEqual([
      { capacityProvider: 'FARGATE', weight: 70, base: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 30, base: 0 },
    ]);
    expect(capacityProviders(answers({ spotWeight: 30, fargateWeight: 70, spotBaseTasks: 2 }))).toEqual([
      { capacityProvider: 'FARGATE', weight: 70, base: 0 },
      { capacityProvider: 'FARGATE_SPOT', weight: 30, base: 2 },
    ]);
  });

  it('leaves out a provider of weight 0, and holds no base for a service that may scale to none', () => {
    expect(capacityProviders(answers({ spotWeight: 100, fargateWeight: 0 }))).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 100, base: 0 }]);
    expect(capacityProviders(answers({ minCount: 0, desiredCount: 0 }))).toEqual([{ capacityProvider: 'FARGATE', weight: 100, base: 0 }]);
  });
});

describe('customMetric', () => {
  it('is the one metric the service scales and alarms on, read each minute', () => {
    expect(customMetric(answers())).toBeUndefined();
    const custom = customMetric(answers({ customScalingMetric: { namespace: 'Analytics', metricName: 'ConsumerLag', targetValue: 10000, alarmAbove: 100000 } }))!;
    const stack = new Stack(new App(), 'S');
    expect(stack.resolve(custom.metric.toMetricConfig().metricStat)).toMatchObject({ namespace: 'Analytics', metricName: 'ConsumerLag', period: { amount: 1 } });
    expect(custom).toMatchObject({ targetValue: 10000, alarmAbove: 100000 });
  });
});
