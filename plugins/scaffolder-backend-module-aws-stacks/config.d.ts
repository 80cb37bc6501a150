export interface Config {
  awsStacks?: {
    /**
     * Where publish:local creates repositories, relative to the backend's
     * working directory (packages/backend). Default ../../.data/repositories.
     */
    localRepositories?: string;
  };
}
