import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The demo catalog's systems (catalog/systems/*.yaml). */
function demoSystems(): string[] {
  const dir = join(__dirname, 'catalog', 'systems');
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(doc => doc.toJS()))
    .filter(entity => entity?.kind === 'System')
    .map(entity => entity.metadata.name as string);
}

/**
 * Waits until the freshly started backend has ingested the demo catalog and
 * collected the demo fleet, so the browser tests never race the first
 * catalog processing or the first scheduled collection.
 */
async function waitFor(what: string, probe: () => Promise<boolean>, seconds = 180) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`The portal never got ready: ${what}`);
}

export default async function globalSetup() {
  const start = Date.now();
  const backend = 'http://localhost:7007';
  let token = '';
  await waitFor('guest sign-in', async () => {
    const res = await fetch(`${backend}/api/auth/guest/refresh`, { method: 'POST' });
    if (!res.ok) return false;
    token = (await res.json()).backstageIdentity.token;
    return true;
  });
  const get = (path: string) =>
    fetch(`${backend}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  await waitFor('crm-core-service in the catalog', async () =>
    (await get('/api/catalog/entities/by-name/component/default/crm-core-service')).ok,
  );
  for (const source of ['ecs-health', 'alarms', 'metrics']) {
    await waitFor(`the demo ${source} collected`, async () => {
      const res = await get(`/api/aws/${source}/fleet`);
      return res.ok && (await res.json()).items.length > 0;
    });
  }
  // A collection that ran before the catalog had ingested a system names no
  // system on its rows; the next one (every two minutes) does.
  const systems = demoSystems();
  await waitFor(
    `the demo alarms collected with every system of the catalog (${systems.join(', ')})`,
    async () => {
      const res = await get('/api/aws/alarms/fleet');
      if (!res.ok) return false;
      const seen = new Set(((await res.json()).items as { system?: string }[]).map(row => row.system));
      return systems.every(system => seen.has(system));
    },
    300,
  );
  console.log(`The portal was ready for the browser tests after ${Math.round((Date.now() - start) / 1000)} s.`);
}
