/*
 * Load on a running portal backend (not a test: it prints figures): the
 * cost answers as finance and as a team member, through the real catalog
 * and permission backends and the portal's policy, from 20 authenticated
 * clients at once.
 *
 *   yarn start                    # in another terminal: the demo portal
 *   yarn workspace @internal/plugin-aws-backend-module-cost load [backend URL]
 *
 * The backend URL defaults to http://localhost:7007. Users sign in through
 * the demo sign-in (auth.providers.demo), so this runs against a
 * development configuration. Options (environment): LOAD_CLIENTS (20),
 * LOAD_REQUESTS (2000 per figure).
 */
import { describeLoad, measureLoad } from '@internal/plugin-aws-backend/testUtils';
import { runScript } from '@internal/plugin-aws-node/testUtils';

const BACKEND = process.argv[2] ?? 'http://localhost:7007';
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 20);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);

async function tokenOf(user: string): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-portal-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`Signing in as ${user} at ${BACKEND} answered ${res.status}: ${await res.text()} (is the demo portal running?)`);
  }
  return (await res.json()).backstageIdentity.token;
}

async function rows(token: string): Promise<number> {
  const res = await fetch(`${BACKEND}/api/aws/cost/fleet`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`/api/aws/cost/fleet answered ${res.status}: ${await res.text()}`);
  return (await res.json()).items.length;
}

async function main() {
  const readers = [
    { label: 'finance (Olivia Brown)', user: 'olivia.brown' },
    { label: 'team member (Linh Tran, team-crm)', user: 'linh.tran' },
  ];
  console.log(`${BACKEND}: ${CLIENTS} clients, ${REQUESTS} requests per figure, after ${REQUESTS / 10} warm-up requests`);
  for (const { label, user } of readers) {
    const token = await tokenOf(user);
    const headers = { Authorization: `Bearer ${token}` };
    console.log(`${label}: ${await rows(token)} cost center rows`);
    for (const path of ['/api/aws/cost/fleet', '/api/aws/cost/entity/default/system/crm']) {
      await measureLoad(`${BACKEND}${path}`, CLIENTS, REQUESTS / 10, headers);
      const figures = await measureLoad(`${BACKEND}${path}`, CLIENTS, REQUESTS, headers);
      console.log(`  ${describeLoad(path, CLIENTS, REQUESTS, figures)}`);
    }
  }
}

runScript(main, 'The cost load figures could not be taken');
