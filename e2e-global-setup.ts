/**
 * Waits until the freshly started backend has ingested the demo catalog and
 * collected the demo fleet, so the browser tests never race the first
 * catalog processing or the first scheduled collection.
 */
async function waitFor(what: string, probe: () => Promise<boolean>) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`The portal never got ready: ${what}`);
}

export default async function globalSetup() {
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
}
