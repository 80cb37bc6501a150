import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { AWS_ANNOTATIONS, ownerEntityRef, readAwsEntityContext } from '@internal/plugin-aws-common';
import { type CostCenterHolders, holdsCostCenter } from '@internal/plugin-aws-cost-common';

/**
 * What the processor checks claims against, and where it reports them.
 *
 * @public
 */
export interface AwsAnnotationsProcessorOptions {
  /** Who holds each cost center (`awsPortal.cost.costCenters`): claims against it are reported. */
  costCenters?: CostCenterHolders;
  logger?: LoggerService;
}

/**
 * Checks the AWS portal annotations of every entity. A malformed annotation
 * becomes a catalog processing error that names the annotation and says what
 * is wrong, instead of surfacing later as a broken page.
 *
 * An entity whose tag selector names a CostCenter gets that cost center as
 * its `aws.portal/cost-center` annotation, so that the cost permission (a
 * condition on the annotation) sees every claim alike. A claim on a cost
 * center its owner does not hold is logged as a warning: Backstage has no
 * processing warning that keeps the entity, and an error would drop it.
 * Each claim is logged once per process.
 *
 * @public
 */
export class AwsAnnotationsProcessor implements CatalogProcessor {
  /** Claims already logged: the catalog processes every entity again every few minutes. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: AwsAnnotationsProcessorOptions = {}) {}

  /** The processor's name in the catalog's logs. */
  getProcessorName(): string {
    return 'AwsAnnotationsProcessor';
  }

  /** Checks the annotations, writes a tag selector's cost center as the annotation, and reports unverified claims. */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
    const result = readAwsEntityContext(entity);
    if (!result.ok) {
      for (const problem of result.problems) {
        emit(processingResult.inputError(location, `${ref}: ${problem}`));
      }
      return entity;
    }
    const costCenter = result.context.costCenter;
    if (!costCenter) return entity;
    this.reportClaim(entity, ref, costCenter);
    if (entity.metadata.annotations?.[AWS_ANNOTATIONS.costCenter] === costCenter) return entity;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...entity.metadata.annotations, [AWS_ANNOTATIONS.costCenter]: costCenter },
      },
    };
  }

  private reportClaim(entity: Entity, ref: string, costCenter: string) {
    const { costCenters, logger } = this.options;
    if (!costCenters || !logger) return;
    const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    const ownerRef = ownerEntityRef(owner, entity.metadata.namespace ?? 'default');
    const key = `${ref} ${costCenter} ${ownerRef}`;
    if (!holdsCostCenter(costCenters, costCenter, ownerRef) && !this.reported.has(key)) {
      this.reported.add(key);
      logger.warn(
        `${ref} claims cost center ${costCenter}, which its owner ${ownerRef ?? '(none)'} does not hold in awsPortal.cost.costCenters: the claim is unverified and its cost is not shown to that owner.`,
      );
    }
  }
}
