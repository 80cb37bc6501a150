import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from '../clients';
import { DEMO_ACCOUNTS } from '../demo';
import { motoPortalConfig } from './moto';

/**
 * The fleet the benchmarks measure on moto: its main account and two
 * assumed ones, each in us-east-1 and us-west-2 (six account × Region parts).
 *
 * @public
 */
export function benchmarkFleetConfig(endpoint: string): ConfigReader {
  return new ConfigReader(
    motoPortalConfig({ endpoint, regions: ['us-east-1', 'us-west-2'], assumeRoleInto: ['222222222222', '333333333333'] }),
  );
}

/**
 * Clients for the demo accounts on a running emulator, as the seed scripts
 * write the demo fleet into it for app-config.emulator.yaml.
 *
 * @public
 */
export function demoEmulatorClients(endpoint: string): AwsClientFactory {
  return AwsClientFactory.fromConfig(
    new ConfigReader(
      motoPortalConfig({
        endpoint,
        regions: ['us-east-1', 'us-west-2'],
        includeMainAccount: false,
        assumeRoleInto: DEMO_ACCOUNTS.map(a => a.accountId),
      }),
    ),
  );
}

/**
 * Runs a script's `main`; a failure is printed (after `failure`, when given) and exits 1.
 *
 * @public
 */
export function runScript(main: () => Promise<void>, failure?: string): void {
  main().catch(error => {
    console.error(failure ? `${failure}: ${error?.message ?? error}` : error);
    process.exit(1);
  });
}
