// A store of many persons for the API benchmark, built fast: a synthetic city of `seed` persons is
// ingested and resolved for real, then its persons, links, records and roles are copied in SQL
// under new ids until the store holds `target` persons. Copies keep the shape and size of real
// golden records (a common name has many namesakes, as in a real city).

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createNodeKey, findNodeKey } from '../../src/audit/node-key.js';
import { ingestFiles } from '../../src/ingest/pipeline.js';
import { loadMapping } from '../../src/ingest/load-mapping.js';
import { resolvePending } from '../../src/resolve/resolve.js';
import { refreshIndicators } from '../../src/indicators/index.js';
import { openStore } from '../../src/store/open.js';
import { generateCity } from '../../src/synth/index.js';

export async function buildApiStore(dataDir: string, target: number, seedPersons = 2000): Promise<{ persons: number; seconds: number }> {
  const started = Date.now();
  const db = join(dataDir, 'yima.db');
  if (existsSync(db)) {
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const n = (sqlite.prepare('select count(*) as n from persons').get() as { n: number }).n;
    sqlite.close();
    if (n >= target) return { persons: n, seconds: 0 };
    throw new Error(`${dataDir} holds ${n} persons, fewer than ${target}: remove it to rebuild`);
  }
  mkdirSync(dataDir, { recursive: true });
  const cityDir = join(dataDir, 'city');
  const manifest = await generateCity({ seed: 31, persons: seedPersons, outDir: cityDir, hardness: 'hard' });
  if (findNodeKey(dataDir) === undefined) createNodeKey(dataDir, 'yima.440300.bench');
  const store = await openStore({ dataDir });
  const node = { nodeId: 'bench', region: manifest.region, name: 'bench city', createdAt: new Date().toISOString() };
  await store.initNode(node);
  for (const s of manifest.sources) await ingestFiles(store, await loadMapping(join(cityDir, s.mapping)), [join(cityDir, s.file)]);
  await resolvePending(store.resolution, { nodeId: node.nodeId, jurisdiction: node.region, audit: (e) => store.appendAudit(e) });
  await store.close();

  const sqlite = new BetterSqlite3(db);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const base = (sqlite.prepare('select count(*) as n from persons').get() as { n: number }).n;
  const copies = Math.ceil(target / base) - 1;
  const columns = (table: string): string[] => (sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const select = (table: string, renames: Record<string, string>): string => columns(table).map((c) => renames[c] ?? c).join(', ');
  // The city's own rows are kept aside once, so each copy reads 2,000 persons, not the growing store.
  const tables = ['persons', 'person_links', 'records', 'record_persons'];
  for (const t of tables) sqlite.exec(`create temp table base_${t} as select * from main.${t}`);
  const copy = sqlite.transaction((k: number) => {
    const suffix = `'-c${k}'`;
    sqlite.exec(`insert into persons (${columns('persons').join(', ')}) select ${select('persons', { person_id: `person_id || ${suffix}` })} from temp.base_persons`);
    sqlite.exec(`insert into person_links (${columns('person_links').join(', ')}) select ${select('person_links', { person_id: `person_id || ${suffix}`, record_id: `record_id || ${suffix}` })} from temp.base_person_links`);
    sqlite.exec(`insert into records (${columns('records').join(', ')}) select ${select('records', { record_id: `record_id || ${suffix}` })} from temp.base_records`);
    sqlite.exec(`insert into record_persons (${columns('record_persons').join(', ')}) select ${select('record_persons', { record_id: `record_id || ${suffix}` })} from temp.base_record_persons`);
  });
  for (let k = 1; k <= copies; k++) {
    copy(k);
    if (k % 50 === 0) process.stdout.write(`  copies ${k}/${copies}\n`);
  }
  // Copies bypass the golden rebuild that keeps the person view's read model: filled as for a store
  // from before it existed.
  sqlite.exec("delete from meta where key = 'person_views_format'");
  sqlite.exec('analyze');
  sqlite.close();
  const again = await openStore({ dataDir });
  const filling = Date.now();
  const filled = await again.resolution.fillPersonViews((n) => {
    if (n % 100_000 < 2000) process.stdout.write(`  person views ${n}\n`);
  });
  process.stdout.write(`  person views: ${filled} filled in ${((Date.now() - filling) / 1000).toFixed(0)} s\n`);
  await refreshIndicators(again, node, new Date());
  const persons = Number((await again.resolution.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  await again.close();
  return { persons, seconds: (Date.now() - started) / 1000 };
}
