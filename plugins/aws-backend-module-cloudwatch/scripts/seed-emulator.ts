/*
 * Seeds a running moto_server with the demo account's CloudWatch alarms
 * (tagged, firing where the demo fleet breaks) and metric data, for running
 * the portal against the emulator with app-config.emulator.yaml.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-cloudwatch seed-emulator [endpoint]
 */
import { ConfigReader } from '@backstage/config';
import { AwsClientFactory, DEMO_ACCOUNTS } from '@internal/plugin-aws-node';
import { motoPortalConfig } from '@internal/plugin-aws-node/testUtils';
import { seedDemoAlarms } from '../src/__testUtils__/seedDemoAlarms';

async function main() {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:5000';
  const factory = AwsClientFactory.fromConfig(
    new ConfigReader(
      motoPortalConfig({
        endpoint,
        regions: ['us-east-1', 'us-west-2'],
        includeMainAccount: false,
        assumeRoleInto: DEMO_ACCOUNTS.map(a => a.accountId),
      }),
    ),
  );
  const { alarms, datapoints } = await seedDemoAlarms(factory);
  console.log(`Seeded ${alarms} alarms and ${datapoints} metric data points into ${endpoint}`);
}

main().catch(error => {
  console.error(`Could not seed the emulator: ${error.message ?? error}`);
  process.exit(1);
});
