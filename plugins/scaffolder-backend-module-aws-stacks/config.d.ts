export interface Config {
  awsStacks?: {
    /**
     * Where publish:local creates repositories, relative to the backend's
     * working directory (packages/backend). Default ../../.data/repositories.
     */
    localRepositories?: string;
    /** Deploying generated stacks from the portal (aws:stack:deploy). */
    provision?: {
      /** Registers aws:stack:deploy. Default false. */
      enabled?: boolean;
      /**
       * S3 bucket (in each target account and region) for templates larger
       * than CloudFormation's 51,200-byte inline limit, such as the
       * service-with-database stack.
       */
      templateBucket?: string;
    };
  };
}
