// The public Febrl benchmark files ingest through the mapping files in examples/mappings: the name
// composed from surname + given name, the address joined from six columns, every row accounted for.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { testSigner } from '../test-support/stores.js';
import { decodePerson } from '../standard/person-codec.js';
import { loadMapping } from './load-mapping.js';
import { ingestFiles } from './pipeline.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const febrl = process.env.YIMA_FEBRL_DIR ?? resolve(root, '..', 'shared', 'datasets', 'febrl');
const present = existsSync(join(febrl, 'dataset1.csv'));
if (!present) console.warn(`[yima tests] Febrl ingest SKIPPED: no Febrl files at ${febrl} (set YIMA_FEBRL_DIR).`);

describe.skipIf(!present)('Febrl files through examples/mappings', () => {
  let dir: TempDir;
  let store: SqliteStore;
  beforeAll(async () => {
    dir = makeTempDir();
    store = SqliteStore.open(join(dir.path, 'yima.db'), { signer: testSigner });
    await store.migrate();
    await store.initNode({ nodeId: 'febrl', region: '440300', name: 'febrl', createdAt: '2025-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  for (const [name, rows] of [['1', 1000], ['2', 5000], ['3', 5000], ['4a', 5000], ['4b', 5000]] as const) {
    it(`ingests dataset${name}.csv: ${rows} rows read, every one accepted or quarantined`, async () => {
      const mapping = await loadMapping(join(root, 'examples', 'mappings', `febrl${name}.json`));
      const [summary] = await ingestFiles(store, mapping, [join(febrl, `dataset${name}.csv`)], { worker: false });
      expect(summary?.rowsRead).toBe(rows);
      expect(summary!.accepted + summary!.quarantined).toBe(rows);
      // Only rows with neither surname nor given name may be refused (no usable identity).
      expect(Object.keys(summary!.reasons).every((r) => r === 'no_identity')).toBe(true);
      expect(summary!.accepted).toBeGreaterThan(rows * 0.99);
    });
  }

  it('composes the name and joins the address columns', async () => {
    for await (const record of store.streamRecords('febrl1')) {
      if (record.recordId !== 'rec-122-org') continue;
      const person = record.persons[0]!;
      // Latin names are composed passport-style: SURNAME Given.
      expect(person.name).toBe('BERRY lachlan');
      const stored = decodePerson(person.fields);
      expect(stored.fields.residence_address?.raw).toBe('69 giblin street killarney bittern 4814 qld');
      expect(stored.fields.social_security_no?.raw).toBe('7364009');
      expect(person.birthDate).toBe('1999-02-19');
      return;
    }
    throw new Error('rec-122-org not found');
  });
});
