import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { type AccountRegion, isAwsRegion } from '@internal/plugin-aws-common';

/**
 * The portal's AWS settings, read from `awsPortal` and `aws`.
 *
 * @public
 */
export interface AwsPortalSettings {
  /** Every account × region to collect from. Empty in demo mode. */
  accountRegions: AccountRegion[];
  /** True when the built-in demo account stands in for AWS. */
  demo: boolean;
  endpoint?: string;
  maxAttempts: number;
}

const DEFAULT_REGIONS = ['us-east-1'];

function checkRegions(regions: string[], where: string) {
  for (const region of regions) {
    if (!isAwsRegion(region)) {
      throw new InputError(
        `${where} lists "${region}", which is not an AWS region such as us-east-1.`,
      );
    }
  }
  return regions;
}

/**
 * Reads the accounts and regions to watch. Throws an InputError with a
 * sentence when the configuration is wrong.
 *
 * @public
 */
export function readAwsPortalSettings(config: Config): AwsPortalSettings {
  const portal = config.getOptionalConfig('awsPortal');
  const defaultRegions = checkRegions(
    portal?.getOptionalStringArray('regions') ?? DEFAULT_REGIONS,
    'awsPortal.regions',
  );
  const demoMode = portal?.getOptionalString('demo') ?? 'auto';
  if (!['auto', 'always', 'never'].includes(demoMode)) {
    throw new InputError(
      `awsPortal.demo must be auto, always or never, not "${demoMode}".`,
    );
  }

  const listed = portal?.getOptionalConfigArray('accounts');
  const accounts = listed
    ? listed.map(a => ({
        accountId: a.getString('accountId'),
        name: a.getOptionalString('name'),
        regions: a.getOptionalStringArray('regions'),
      }))
    : (config.getOptionalConfigArray('aws.accounts') ?? []).map(a => ({
        accountId: a.getString('accountId'),
        name: undefined,
        regions: undefined,
      }));

  const accountRegions: AccountRegion[] = [];
  for (const account of accounts) {
    if (!/^\d{12}$/.test(account.accountId)) {
      throw new InputError(
        `awsPortal.accounts has "${account.accountId}", which is not a 12-digit AWS account id.`,
      );
    }
    const regions = account.regions
      ? checkRegions(account.regions, `awsPortal.accounts[${account.accountId}].regions`)
      : defaultRegions;
    for (const region of regions) {
      accountRegions.push({
        accountId: account.accountId,
        region,
        accountName: account.name,
      });
    }
  }

  const demo =
    demoMode === 'always' || (demoMode === 'auto' && accountRegions.length === 0);
  return {
    accountRegions: demo ? [] : accountRegions,
    demo,
    endpoint: portal?.getOptionalString('endpoint'),
    maxAttempts: portal?.getOptionalNumber('maxAttempts') ?? 8,
  };
}
