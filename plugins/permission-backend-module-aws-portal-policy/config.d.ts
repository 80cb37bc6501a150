export interface Config {
  awsPortal?: {
    /**
     * Who may change what the portal knows and creates. A rule left out
     * restricts nothing (the module logs a warning at startup). Lists name
     * groups or users; refs without a kind are groups.
     */
    permissions?: {
      /**
       * Who may register catalog locations (`catalog.location.create`).
       * The golden paths register what they publish with the portal's own
       * service credentials, so their users need not be listed.
       */
      catalogLocations?: string[];
      /**
       * Who may stamp stacks into an environment of the production profile
       * (the environment entity's `aws.portal/environment: production`).
       * The environment entities must come from locations only the platform
       * team registers (`catalogLocations`).
       */
      productionStacks?: string[];
      /**
       * Golden paths limited to some groups, by the stack kind their
       * template stamps (`stackConfig.kind`, e.g. `platform-environment`).
       * A kind not listed runs for every user.
       */
      goldenPaths?: Array<{ kind: string; allowed: string[] }>;
    };
  };
}
