export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in as one of the demo catalog's users, for trying the portal
       * and for browser tests. Development only: production configuration
       * sets it to null.
       */
      demo?: {
        /** The user names (catalog User entities in `default`) one may sign in as. */
        users?: string[];
        /**
         * Lets demo users sign in outside `NODE_ENV=development` (a shared
         * demo or a browser test against a production build). Never on a
         * portal that holds real data.
         */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
