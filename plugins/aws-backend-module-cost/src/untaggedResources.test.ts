import type { ItemOwner, KnownResource } from '@internal/plugin-aws-node';
import { untaggedResourceGroups } from './untaggedResources';

const crm: ItemOwner = {
  entityRef: 'component:default/crm-core-service',
  kind: 'Component',
  system: 'crm',
  owner: 'team-crm',
};
const analytics: ItemOwner = { entityRef: 'resource:default/analytics-db', kind: 'Resource', owner: 'team-analytics' };

const resource = (arn: string, tags: Record<string, string>, owners: ItemOwner[] = []): KnownResource => ({
  arn,
  accountId: '111111111111',
  region: 'us-east-1',
  tags,
  owners,
});

describe('untaggedResourceGroups', () => {
  it('lists the resources without a CostCenter by owning entity, unknown ones last', () => {
    const alarm = (name: string) => `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${name}`;
    const groups = untaggedResourceGroups([
      resource('arn:aws:ecs:us-east-1:111111111111:service/crm/crm-core-service', { CostCenter: 'finance-consulting' }, [crm]),
      resource(alarm('crm-cpu'), {}, [crm]),
      resource(alarm('crm-memory'), { CostCenter: ' ' }, [crm]),
      resource('arn:aws:rds:us-east-1:111111111111:db:crm-primary', { Project: 'CRM' }, [crm, analytics]),
      resource('arn:aws:rds:us-east-1:111111111111:db:analytics-primary', {}, [analytics]),
      resource('arn:aws:sqs:us-east-1:111111111111:orphans', {}),
    ]);
    expect(groups).toEqual([
      {
        entityRef: 'component:default/crm-core-service',
        owner: 'team-crm',
        system: 'crm',
        count: 3,
        kinds: { 'CloudWatch alarm': 2, 'RDS DB instance': 1 },
        arns: [alarm('crm-cpu'), alarm('crm-memory'), 'arn:aws:rds:us-east-1:111111111111:db:crm-primary'],
      },
      {
        entityRef: 'resource:default/analytics-db',
        owner: 'team-analytics',
        system: undefined,
        count: 1,
        kinds: { 'RDS DB instance': 1 },
        arns: ['arn:aws:rds:us-east-1:111111111111:db:analytics-primary'],
      },
      { count: 1, kinds: { 'SQS queue': 1 }, arns: ['arn:aws:sqs:us-east-1:111111111111:orphans'] },
    ]);
  });

  it('counts every resource but lists at most 25 ARNs of a group', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      resource(`arn:aws:cloudwatch:us-east-1:111111111111:alarm:a${String(i).padStart(2, '0')}`, {}, [crm]),
    );
    const [group] = untaggedResourceGroups(many);
    expect(group.count).toBe(40);
    expect(group.arns).toHaveLength(25);
    expect(group.arns[0]).toMatch(/alarm:a00$/);
  });
});
