import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { AWS_ANNOTATIONS } from '@internal/plugin-aws-common';
import { AwsAnnotationsProcessor } from './AwsAnnotationsProcessor';

const location = { type: 'file', target: '/catalog/crm.yaml' };

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'crm-core-service', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-crm' },
  };
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const out = await new AwsAnnotationsProcessor().postProcessEntity(
    entity,
    location,
    result => emitted.push(result),
  );
  return { out, emitted };
}

describe('AwsAnnotationsProcessor', () => {
  it('passes a well-annotated entity through untouched', async () => {
    const entity = entityWith({
      [AWS_ANNOTATIONS.accountId]: '111111111111',
      [AWS_ANNOTATIONS.region]: 'us-east-1',
      [AWS_ANNOTATIONS.tagSelector]: 'Project=CRM-System,Component=core',
    });
    const { out, emitted } = await process(entity);
    expect(out).toBe(entity);
    expect(emitted).toEqual([]);
  });

  it('emits one input error per malformed annotation, naming the entity', async () => {
    const { emitted } = await process(
      entityWith({
        [AWS_ANNOTATIONS.accountId]: '1234',
        [AWS_ANNOTATIONS.rpo]: 'soon',
      }),
    );
    expect(emitted).toHaveLength(2);
    expect(emitted.map(e => e.type)).toEqual(['error', 'error']);
    expect(
      emitted.map(e => (e.type === 'error' ? e.error.message : '')),
    ).toEqual([
      'Component:default/crm-core-service: aws.portal/account-id must be a 12-digit AWS account id, not "1234".',
      'Component:default/crm-core-service: aws.portal/rpo must be a recovery point objective such as 15m, 4h, 1d or PT4H, not "soon".',
    ]);
    expect(emitted[0]).toMatchObject({ location });
    expect(emitted[0].type === 'error' && emitted[0].error.name).toBe(
      'InputError',
    );
  });

  it('writes a tag selector\'s CostCenter as the cost-center annotation, so the cost permission sees it', async () => {
    const { out, emitted } = await process(entityWith({ [AWS_ANNOTATIONS.tagSelector]: 'CostCenter=crm-modular,Component=core' }));
    expect(emitted).toEqual([]);
    expect(out.metadata.annotations).toEqual({
      [AWS_ANNOTATIONS.tagSelector]: 'CostCenter=crm-modular,Component=core',
      [AWS_ANNOTATIONS.costCenter]: 'crm-modular',
    });
  });

  it('logs a claim on a cost center its owner does not hold, once, and keeps the entity', async () => {
    const logger = mockServices.logger.mock();
    const processor = new AwsAnnotationsProcessor({
      costCenters: new Map([['finance-consulting', ['group:default/team-crm']]]),
      logger,
    });
    const held = entityWith({ [AWS_ANNOTATIONS.costCenter]: 'finance-consulting' });
    const claimed = { ...held, metadata: { ...held.metadata, name: 'sneaky' }, spec: { ...held.spec, owner: 'team-x' } };
    const emitted: CatalogProcessorResult[] = [];
    expect(await processor.postProcessEntity(held, location, r => emitted.push(r))).toBe(held);
    expect(await processor.postProcessEntity(claimed, location, r => emitted.push(r))).toBe(claimed);
    await processor.postProcessEntity(claimed, location, r => emitted.push(r));
    expect(emitted).toEqual([]);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Component:default/sneaky claims cost center finance-consulting, which its owner group:default/team-x does not hold in awsPortal.cost.costCenters: the claim is unverified and its cost is not shown to that owner.',
      ],
    ]);
  });
});
