/*
 * Seeds a running moto_server with the demo account's CloudWatch alarms
 * (tagged, firing where the demo fleet breaks) and metric data, for running
 * the portal against the emulator with app-config.emulator.yaml.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-cloudwatch seed-emulator [endpoint]
 */
import { demoEmulatorClients, runScript } from '@internal/plugin-aws-node/testUtils';
import { seedDemoAlarms } from '../src/__testUtils__/seedDemoAlarms';

async function main() {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:5000';
  const factory = demoEmulatorClients(endpoint);
  const { alarms, datapoints } = await seedDemoAlarms(factory);
  console.log(`Seeded ${alarms} alarms and ${datapoints} metric data points into ${endpoint}`);
}

runScript(main, 'Could not seed the emulator');
