import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { readAwsEntityContext } from '@internal/plugin-aws-common';

/**
 * Checks the AWS portal annotations of every entity. A malformed annotation
 * becomes a catalog processing error that names the annotation and says what
 * is wrong, instead of surfacing later as a broken page.
 *
 * @public
 */
export class AwsAnnotationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'AwsAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const result = readAwsEntityContext(entity);
    if (!result.ok) {
      const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`;
      for (const problem of result.problems) {
        emit(processingResult.inputError(location, `${ref}: ${problem}`));
      }
    }
    return entity;
  }
}
