// bulkInsert on both stores: every row stored with its values as bound (quotes, numbers,
// SQL in the text), across statements when the rows outgrow one, and the two conflict rules.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import { bulkInsert } from './bulk-insert.js';

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`bulkInsert on ${factory.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await factory.open();
    });
    afterAll(async () => t?.dispose());
    const db = () => t.store.resolution.kysely;

    it('stores every row, across several statements, with its values as they were (quotes and SQL text bound, not run)', async () => {
      const rows = Array.from({ length: 2503 }, (_, i) => ({ key: `k${i % 7}'); drop table block_keys; --`, record_key: `r${i}\u0001"x"\u0001subject` }));
      await bulkInsert(db(), 'block_keys', rows, { maxRows: 1000 });
      const stored = await db().selectFrom('block_keys').select(['key', 'record_key']).orderBy('record_key').execute();
      expect(stored.length).toBe(rows.length);
      expect(new Set(stored.map((r) => `${r.key}|${r.record_key}`))).toEqual(new Set(rows.map((r) => `${r.key}|${r.record_key}`)));
      await bulkInsert(db(), 'block_keys', []);
      expect((await db().selectFrom('block_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toEqual(factory.name === 'sqlite' ? 2503 : '2503');
    });

    it('keeps the stored row on a conflict, or updates the named columns from the new one', async () => {
      const at = '2025-07-01T00:00:00.000Z';
      const link = (role: string, person: string, hash: string) => ({ source: 's', record_id: 'r1', role, person_id: person, content_hash: hash, linked_at: at });
      await bulkInsert(db(), 'person_links', [link('subject', 'P1', 'h1'), link('guardian', 'P2', 'h2')]);
      await bulkInsert(db(), 'person_links', [link('subject', 'P9', 'h9')], { onConflict: { columns: ['source', 'record_id', 'role'] } });
      const read = async () => Object.fromEntries((await db().selectFrom('person_links').select(['role', 'person_id', 'content_hash']).where('source', '=', 's').execute()).map((r) => [r.role, [r.person_id, r.content_hash]]));
      expect(await read()).toEqual({ subject: ['P1', 'h1'], guardian: ['P2', 'h2'] });
      await bulkInsert(db(), 'person_links', [link('subject', 'P9', 'h9'), link('other', 'P3', 'h3')], { onConflict: { columns: ['source', 'record_id', 'role'], update: ['person_id'] } });
      expect(await read()).toEqual({ subject: ['P9', 'h1'], guardian: ['P2', 'h2'], other: ['P3', 'h3'] });
      await expect(bulkInsert(db(), 'person_links', [link('other', 'P4', 'h4')])).rejects.toThrow();
    });
  });
}
