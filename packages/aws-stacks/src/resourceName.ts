import { z } from 'zod';

/**
 * A database's, cache's, Kafka cluster's or replicator's name: 2–41
 * lowercase letters, digits or dashes, starting with a letter (with the
 * environment appended it names the AWS resource).
 */
export const resourceName = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, {
  error: 'name must be 2–41 lowercase letters, digits or dashes, starting with a letter.',
});
