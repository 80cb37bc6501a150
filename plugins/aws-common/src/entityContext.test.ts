import type { Entity } from '@backstage/catalog-model';
import { AWS_ANNOTATIONS } from './annotations';
import {
  hasAwsAnnotations,
  hasAwsResourceSelector,
  readAwsEntityContext,
} from './entityContext';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'crm-core-service', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-crm' },
  };
}

describe('readAwsEntityContext', () => {
  it('reads every annotation of the scheme', () => {
    const result = readAwsEntityContext(
      component({
        [AWS_ANNOTATIONS.accountId]: '111111111111',
        [AWS_ANNOTATIONS.region]: 'us-east-1',
        [AWS_ANNOTATIONS.tagSelector]: 'Project=CRM-System, Component=core',
        [AWS_ANNOTATIONS.arns]:
          'arn:aws:ecs:us-east-1:111111111111:service/crm-production/crm-core-service\narn:aws:s3:::crm-user-uploads-prod',
        [AWS_ANNOTATIONS.costCenter]: 'finance-consulting',
        [AWS_ANNOTATIONS.environment]: 'production',
        [AWS_ANNOTATIONS.rpo]: '4h',
        [AWS_ANNOTATIONS.rto]: 'PT2H',
        [AWS_ANNOTATIONS.drRegion]: 'us-west-2',
      }),
    );
    expect(result).toEqual({
      ok: true,
      context: {
        accountId: '111111111111',
        region: 'us-east-1',
        tags: { Project: 'CRM-System', Component: 'core' },
        arns: [
          expect.objectContaining({
            service: 'ecs',
            region: 'us-east-1',
            accountId: '111111111111',
            resource: 'service/crm-production/crm-core-service',
          }),
          expect.objectContaining({ service: 's3', region: '', accountId: '' }),
        ],
        costCenter: 'finance-consulting',
        environment: 'production',
        recovery: { rpoMinutes: 240, rtoMinutes: 120, drRegion: 'us-west-2' },
      },
    });
  });

  it('takes the cost center from the tag selector when no annotation names one', () => {
    const read = (annotations: Record<string, string>) => {
      const result = readAwsEntityContext(component(annotations));
      return result.ok ? result.context.costCenter : result.problems;
    };
    expect(read({ [AWS_ANNOTATIONS.tagSelector]: 'Project=CRM, CostCenter=crm-modular' })).toBe('crm-modular');
    expect(
      read({
        [AWS_ANNOTATIONS.tagSelector]: 'CostCenter=crm-modular',
        [AWS_ANNOTATIONS.costCenter]: 'finance-consulting',
      }),
    ).toBe('finance-consulting');
    expect(read({ [AWS_ANNOTATIONS.tagSelector]: 'Project=CRM' })).toBeUndefined();
  });

  it('gives an empty context to an entity without annotations', () => {
    expect(readAwsEntityContext(component({}))).toEqual({
      ok: true,
      context: { tags: {}, arns: [] },
    });
  });

  it.each([
    [
      AWS_ANNOTATIONS.accountId,
      '12345',
      'aws.portal/account-id must be a 12-digit AWS account id, not "12345".',
    ],
    [
      AWS_ANNOTATIONS.region,
      'virginia',
      'aws.portal/region must be an AWS region such as us-east-1, not "virginia".',
    ],
    [
      AWS_ANNOTATIONS.tagSelector,
      'Project',
      'aws.portal/tag-selector has "Project", which is not a Key=Value tag (keys may not start with aws:).',
    ],
    [
      AWS_ANNOTATIONS.tagSelector,
      'aws:cloudformation:stack-name=x',
      'aws.portal/tag-selector has "aws:cloudformation:stack-name=x", which is not a Key=Value tag (keys may not start with aws:).',
    ],
    [
      AWS_ANNOTATIONS.tagSelector,
      'A=1,A=2',
      'aws.portal/tag-selector names the tag "A" twice.',
    ],
    [
      AWS_ANNOTATIONS.arns,
      'arn:aws:ecs:us-east-1:1:service/x',
      'aws.portal/arns has "arn:aws:ecs:us-east-1:1:service/x", which is not an ARN (arn:aws:service:region:account:resource).',
    ],
    [
      AWS_ANNOTATIONS.environment,
      'prod',
      'aws.portal/environment must be one of development, staging, production, not "prod".',
    ],
    [
      AWS_ANNOTATIONS.rpo,
      'four hours',
      'aws.portal/rpo must be a recovery point objective such as 15m, 4h, 1d or PT4H, not "four hours".',
    ],
    [
      AWS_ANNOTATIONS.rto,
      '0m',
      'aws.portal/rto must be a recovery time objective such as 15m, 4h, 1d or PT4H, not "0m".',
    ],
    [
      AWS_ANNOTATIONS.costCenter,
      '',
      'aws.portal/cost-center must not be empty.',
    ],
    [AWS_ANNOTATIONS.engine, 'oracle', 'aws.portal/engine must be postgres or mysql (a database\'s engine).'],
    [AWS_ANNOTATIONS.engineVersion, 'latest', 'aws.portal/engine-version must be an engine version such as 16.15 or 8.4.11.'],
    [AWS_ANNOTATIONS.storageGiB, '500GB', 'aws.portal/storage-gib must be a whole number of GiB, such as 500.'],
  ])('explains a malformed %s (%j)', (name, value, sentence) => {
    expect(readAwsEntityContext(component({ [name]: value }))).toEqual({
      ok: false,
      problems: [sentence],
    });
  });

  it('refuses a DR region equal to the primary region', () => {
    expect(
      readAwsEntityContext(
        component({
          [AWS_ANNOTATIONS.region]: 'us-east-1',
          [AWS_ANNOTATIONS.drRegion]: 'us-east-1',
        }),
      ),
    ).toEqual({
      ok: false,
      problems: [
        'aws.portal/dr-region is us-east-1, the same as aws.portal/region; a disaster-recovery region must be another region.',
      ],
    });
  });

  it('refuses an ARN from another account than the annotated one', () => {
    const result = readAwsEntityContext(
      component({
        [AWS_ANNOTATIONS.accountId]: '111111111111',
        [AWS_ANNOTATIONS.arns]:
          'arn:aws:rds:us-east-1:222222222222:db:crm-production-primary',
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'aws.portal/arns has arn:aws:rds:us-east-1:222222222222:db:crm-production-primary in account 222222222222, but aws.portal/account-id says 111111111111.',
      ],
    });
  });

  it('reports every problem at once', () => {
    const result = readAwsEntityContext(
      component({
        [AWS_ANNOTATIONS.accountId]: 'x',
        [AWS_ANNOTATIONS.region]: 'y',
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toHaveLength(2);
  });
});

describe('annotation presence', () => {
  it('tells entities with a resource selector from those with only business context', () => {
    const selected = component({ [AWS_ANNOTATIONS.tagSelector]: 'A=b' });
    const costOnly = component({ [AWS_ANNOTATIONS.costCenter]: 'finance' });
    const none = component({ 'backstage.io/techdocs-ref': 'dir:.' });
    expect([selected, costOnly, none].map(hasAwsAnnotations)).toEqual([
      true,
      true,
      false,
    ]);
    expect([selected, costOnly, none].map(hasAwsResourceSelector)).toEqual([
      true,
      false,
      false,
    ]);
  });
});
