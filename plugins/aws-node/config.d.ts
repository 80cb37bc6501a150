export interface Config {
  /**
   * Which AWS accounts and regions the portal watches. Credentials for each
   * account come from the `aws` section (@backstage/integration-aws-node):
   * `aws.mainAccount`, `aws.accounts[]` (assume-role by `roleName`, static
   * keys or a profile) and `aws.accountDefaults`.
   */
  awsPortal?: {
    /**
     * Regions watched in every account that does not list its own.
     * Default: us-east-1.
     */
    regions?: string[];
    /**
     * Accounts to watch. Default: every `aws.accounts[].accountId`.
     */
    accounts?: Array<{
      accountId: string;
      /** Display name, e.g. crm-production. */
      name?: string;
      regions?: string[];
    }>;
    /**
     * Sends every AWS call to this endpoint instead of AWS, e.g. an emulator
     * such as moto_server (http://127.0.0.1:5000).
     */
    endpoint?: string;
    /**
     * `auto` (default): the built-in demo account when no account is
     * configured; `always`: the demo even with accounts; `never`: no demo.
     */
    demo?: 'auto' | 'always' | 'never';
    /** Attempts per AWS call, including the first (adaptive retry). Default 8. */
    maxAttempts?: number;
    /**
     * Lets the scaffolder's publish:local register generated repositories by
     * file path (local portal only). Default false.
     */
    allowFileLocations?: boolean;
  };
}
