/*
 * Seeds a running moto_server with the demo fleet (clusters, task
 * definitions, tagged services in the demo accounts and regions), for
 * running the portal against the emulator with app-config.emulator.yaml.
 *
 *   yarn workspace @internal/plugin-aws-backend-module-ecs-health seed-emulator [endpoint]
 */
import { demoEmulatorClients, runScript } from '@internal/plugin-aws-node/testUtils';
import { seedDemoFleet } from '../src/__testUtils__/seedDemoFleet';

async function main() {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:5000';
  const factory = demoEmulatorClients(endpoint);
  const count = await seedDemoFleet(factory);
  console.log(`Seeded ${count} ECS services into ${endpoint}`);
}

runScript(main, 'Could not seed the emulator');
