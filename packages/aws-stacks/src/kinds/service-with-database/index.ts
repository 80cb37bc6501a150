import { servicePart } from '../fargate-service';
import { databasePart } from '../rds-database';
import { cachePart } from '../redis-cache';
import { defineStackKind, optionalPart } from '../stackKind';

/** A service with its own database and, optionally, its own cache; the service joins both client groups. @public */
export const serviceWithDatabaseKind = defineStackKind({
  kind: 'service-with-database',
  inEnvironment: true,
  parts: { service: servicePart, database: databasePart, cache: optionalPart(cachePart) },
});
