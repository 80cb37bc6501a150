export interface Config {
  awsPortal?: {
    /** Who may read cost, and where it comes from. */
    cost?: {
      /**
       * Groups (or users) whose members read every cost center and the
       * organisation's totals. Default `group:default/finance`.
       */
      financeGroups?: string[];
      /**
       * Who holds each cost center: its CostCenter tag value and the groups
       * (or users) whose members may read its cost. Only this grants a team
       * a cost center: an entity's `aws.portal/cost-center` annotation
       * claims one, and the claim is verified only when the entity's owner
       * is listed here. Refs without a kind are groups.
       */
      costCenters?: Array<{ costCenter: string; holders: string[] }>;
      /** The account whose Cost Explorer sees the organisation; the first watched account when absent. */
      payerAccountId?: string;
      /** The Cost Explorer metric. Default `UnblendedCost`. */
      metric?: 'UnblendedCost' | 'AmortizedCost' | 'NetAmortizedCost';
    };
  };
}
