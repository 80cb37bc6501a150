import { entityOwnsResource } from './resourceMatch';
import { parseArn } from './arn';

const service = {
  arn: 'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service',
  accountId: '111111111111',
  region: 'us-east-1',
  tags: { Project: 'CRM-System', Component: 'core', Environment: 'production' },
};

describe('entityOwnsResource', () => {
  it('matches on every tag of the selector', () => {
    const context = { tags: { Project: 'CRM-System', Component: 'core' }, arns: [] };
    expect(entityOwnsResource(context, service)).toBe(true);
    expect(
      entityOwnsResource(
        { ...context, tags: { Project: 'CRM-System', Component: 'auth' } },
        service,
      ),
    ).toBe(false);
  });

  it('keeps a tag match inside the annotated account and region', () => {
    const context = { tags: { Project: 'CRM-System' }, arns: [] };
    expect(
      entityOwnsResource({ ...context, accountId: '222222222222' }, service),
    ).toBe(false);
    expect(entityOwnsResource({ ...context, region: 'us-west-2' }, service)).toBe(
      false,
    );
    expect(
      entityOwnsResource(
        { ...context, accountId: '111111111111', region: 'us-east-1' },
        service,
      ),
    ).toBe(true);
  });

  it('counts the entity’s DR Region, where its standby waits, as its own', () => {
    const context = { tags: { Project: 'CRM-System', Component: 'core' }, arns: [], accountId: '111111111111', region: 'us-east-1' };
    const standby = { ...service, arn: service.arn.replace('us-east-1', 'us-west-2'), region: 'us-west-2' };
    expect(entityOwnsResource(context, standby)).toBe(false);
    expect(entityOwnsResource({ ...context, recovery: { drRegion: 'us-west-2' } }, standby)).toBe(true);
    expect(entityOwnsResource({ ...context, recovery: { drRegion: 'eu-west-1' } }, standby)).toBe(false);
  });

  it('matches a named ARN whatever the tags', () => {
    const context = { tags: {}, arns: [parseArn(service.arn)!] };
    expect(entityOwnsResource(context, { ...service, tags: {} })).toBe(true);
  });

  it('owns nothing without a selector', () => {
    expect(entityOwnsResource({ tags: {}, arns: [] }, service)).toBe(false);
  });

  it('matches an MSK cluster by name, since CloudWatch does not know its UUID', () => {
    const annotated = 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka/0000-1111';
    const context = { tags: {}, arns: [parseArn(annotated)!] };
    const named = {
      ...service,
      arn: 'arn:aws:kafka:us-east-1:333333333333:cluster/analytics-kafka',
    };
    expect(entityOwnsResource(context, named)).toBe(true);
    expect(
      entityOwnsResource(context, { ...named, arn: `${named.arn}-staging` }),
    ).toBe(false);
  });
});
