// A served node for API and browser tests: a small synthetic city ingested and resolved into a
// test store, indicators computed, one account per role, and the server on an ephemeral port.

import { addUser } from '../access/accounts.js';
import { generateCodeKey, type CodeKey } from '../access/service-code.js';
import { buildServer, type YimaServer } from '../api/server.js';
import { refreshIndicators } from '../indicators/index.js';
import { resolvePending } from '../resolve/resolve.js';
import type { CityManifest } from '../synth/index.js';
import type { NodeInfo, Store } from '../store/types.js';
import { ingestCity, makeCity } from './city.js';
import { makeTempDir, type TempDir } from './files.js';
import { testSigner, type StoreFactory, type TestStore } from './stores.js';

export const testPassword = 'Test-password-1';

export interface ApiFixture {
  server: YimaServer;
  store: Store;
  node: NodeInfo;
  dir: TempDir;
  manifest: CityManifest;
  codeKey: CodeKey;
  /** The district the grid worker covers, and one outside it. */
  gridRegion: string;
  otherRegion: string;
  /** username → bearer token. */
  tokens: Record<string, string>;
  clock: { now: Date };
  close(): Promise<void>;
}

export const fixtureAccounts = [
  { username: 'admin1', role: 'admin' },
  { username: 'auditor1', role: 'auditor' },
  { username: 'analyst1', role: 'analyst' },
  { username: 'officer1', role: 'officer', department: '市公安局' },
  { username: 'officer2', role: 'officer', department: '市卫生健康委员会' },
  { username: 'grid1', role: 'grid_worker' },
  { username: 'clerk1', role: 'clerk' },
  { username: 'resident1', role: 'resident' },
] as const;

export async function makeApiFixture(factory: StoreFactory, persons = 400, options: { webRoot?: string | null; listen?: boolean } = {}): Promise<ApiFixture> {
  const dir = makeTempDir('yima-api-');
  const manifest = await makeCity(dir.path, persons, 5);
  const t: TestStore = await factory.open();
  const store = t.store;
  await ingestCity(store, dir.path, manifest);
  const node = (await store.findNode())!;
  await resolvePending(store.resolution, { nodeId: node.nodeId, jurisdiction: node.region, now: () => new Date('2025-07-01T00:00:00Z'), audit: (e) => store.appendAudit(e) });
  await refreshIndicators(store, node, new Date('2025-07-01T00:00:00Z'));
  const regions = await store.resolution.kysely
    .selectFrom('persons')
    .select(['residence_region', (eb) => eb.fn.countAll<string>().as('n')])
    .where('residence_region', 'is not', null)
    .groupBy('residence_region')
    .orderBy('n', 'desc')
    .execute();
  const gridRegion = regions[0]!.residence_region!;
  const otherRegion = regions.find((r) => r.residence_region !== gridRegion && r.residence_region!.length === 6 && !r.residence_region!.endsWith('00'))!.residence_region!;
  const resident = await store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', gridRegion).orderBy('person_id').executeTakeFirstOrThrow();
  const clock = { now: new Date('2025-07-01T08:00:00Z') };
  for (const a of fixtureAccounts) {
    await addUser(store, { ...a, password: testPassword, region: a.role === 'grid_worker' ? gridRegion : undefined, personId: a.role === 'resident' ? resident.person_id : undefined }, node.region, clock.now);
  }
  const codeKey = generateCodeKey();
  const server = await buildServer({ store, node, dataDir: dir.path, codeKey, clock: () => clock.now, auditVerifier: testSigner, webRoot: options.webRoot ?? null });
  if (options.listen === true) await server.listen({ port: 0, host: '127.0.0.1' });
  const tokens: Record<string, string> = {};
  for (const a of fixtureAccounts) {
    const reply = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: a.username, password: testPassword } });
    tokens[a.username] = reply.json<{ token: string }>().token;
  }
  return {
    server, store, node, dir, manifest, codeKey, gridRegion, otherRegion, tokens, clock,
    async close() {
      await server.close();
      await server.yima.context.audit.drain();
      await t.dispose();
      dir.remove();
    },
  };
}
