// The review queue through the API: a pair decided (by an officer of a department whose source
// holds one of its records; other officers neither see nor decide it), a conflict settled by choosing one of its
// values — shown in the person's golden record with the rule `reviewer`, kept when every golden
// record is rebuilt, and written to the audit log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGolden } from '../matching/index.js';
import { rebuildGolden } from '../resolve/resolve.js';
import { addUser } from '../access/accounts.js';
import { splitRecordKey } from '../store/resolution/load-inputs.js';
import { makeApiFixture, testPassword, type ApiFixture } from '../test-support/api.js';
import { storeFactories } from '../test-support/stores.js';

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`review routes on ${factory.name}`, () => {
    let f: ApiFixture;
    beforeAll(async () => {
      f = await makeApiFixture(factory, 400);
    }, 180_000);
    afterAll(async () => f?.close());
    const auth = (username: string) => ({ authorization: `Bearer ${f.tokens[username]}` });

    it('settles a conflict with the chosen value, keeps it through a rebuild, and audits it', async () => {
      const list = await f.server.inject({ url: '/api/conflicts?limit=500', headers: auth('officer1') });
      const conflict = list.json<{ items: { person_id: string; field: string; values: (string | null)[] }[] }>().items.find((c) => c.field === 'name' && c.values.length >= 2)!;
      expect(conflict).toBeDefined();
      const stored = await f.store.persons.person(conflict.person_id);
      const chosen = decodeGolden(stored!.golden).conflicts.find((c) => c.field === 'name')!.values[1]!.value;

      const bad = await f.server.inject({ method: 'POST', url: '/api/conflicts/resolve', headers: auth('officer1'), payload: { person_id: conflict.person_id, field: 'name', choice: 9 } });
      expect(bad.statusCode).toBe(400);
      expect((await f.server.inject({ method: 'POST', url: '/api/conflicts/resolve', headers: auth('grid1'), payload: { person_id: conflict.person_id, field: 'name', choice: 1 } })).statusCode).toBe(403);
      const before = (await f.store.auditReader.head()).size;
      const ok = await f.server.inject({ method: 'POST', url: '/api/conflicts/resolve', headers: auth('officer1'), payload: { person_id: conflict.person_id, field: 'name', choice: 1 } });
      expect(ok.statusCode, ok.body).toBe(200);

      const view = (await f.server.inject({ url: `/api/persons/${conflict.person_id}`, headers: auth('officer1') })).json<{ golden: { name: { value: string; rule: string } }; conflicts: { field: string }[] }>();
      expect(view.golden.name).toMatchObject({ value: chosen, rule: 'reviewer' });
      expect(view.conflicts.map((c) => c.field)).not.toContain('name');
      const again = await f.server.inject({ method: 'POST', url: '/api/conflicts/resolve', headers: auth('officer1'), payload: { person_id: conflict.person_id, field: 'name', choice: 0 } });
      expect(again.statusCode).toBe(404);

      await rebuildGolden(f.store.resolution, null, f.node.region, '2025-07-02T00:00:00.000Z');
      expect((await f.store.persons.person(conflict.person_id))!.name).toBe(chosen);

      const entries = await f.store.auditReader.readEntries(before, 10);
      const actions = entries.map((e) => JSON.parse(Buffer.from(e.encoded).toString('utf8')) as { action: string; objectIds: string[]; details: Record<string, unknown> });
      expect(actions.find((a) => a.action === 'review')).toMatchObject({ objectIds: [conflict.person_id], details: { what: 'conflict', field: 'name' } });
    });

    it("decides a review pair through the API as an officer of one of the pair's sources; the decision is audited", async () => {
      type Pairs = { items: { a: { record_key: string }; b: { record_key: string } }[] };
      const all = (await f.server.inject({ url: '/api/reviews?limit=200', headers: auth('admin1') })).json<Pairs>().items;
      expect(all.length).toBeGreaterThan(0);
      const pair = all[0]!;
      const sourceOf = (key: string) => splitRecordKey(key).source;
      const department = (await f.store.findSource(sourceOf(pair.a.record_key)))!.department!;
      const own = (await f.store.listSources()).filter((s) => s.department === department).map((s) => s.source);
      // An officer of the pair's department, and one of a department that holds no source.
      const token = async (username: string, dept: string) => {
        await addUser(f.store, { username, role: 'officer', department: dept, password: testPassword }, f.node.region, f.clock.now);
        return { authorization: `Bearer ${(await f.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: testPassword } })).json<{ token: string }>().token}` };
      };
      const mine = await token('officer_pair', department);
      const stranger = await token('officer_none', '没有数据源的部门');

      const listed = (await f.server.inject({ url: '/api/reviews?limit=200', headers: mine })).json<Pairs>().items;
      expect(listed.some((p) => p.a.record_key === pair.a.record_key && p.b.record_key === pair.b.record_key)).toBe(true);
      // Only pairs that involve a record of the officer's own sources.
      for (const p of listed) expect(own.includes(sourceOf(p.a.record_key)) || own.includes(sourceOf(p.b.record_key)), `${p.a.record_key} ${p.b.record_key}`).toBe(true);
      expect(listed.length).toBe(all.filter((p) => own.includes(sourceOf(p.a.record_key)) || own.includes(sourceOf(p.b.record_key))).length);
      expect((await f.server.inject({ url: '/api/reviews', headers: stranger })).json<Pairs>().items).toEqual([]);
      const refused = await f.server.inject({ method: 'POST', url: '/api/reviews/decide', headers: stranger, payload: { a: pair.a.record_key, b: pair.b.record_key, same: false } });
      expect(refused.statusCode).toBe(403);

      const before = (await f.store.auditReader.head()).size;
      const decided = await f.server.inject({ method: 'POST', url: '/api/reviews/decide', headers: mine, payload: { a: pair.a.record_key, b: pair.b.record_key, same: false } });
      expect(decided.statusCode, decided.body).toBe(200);
      const after = (await f.server.inject({ url: '/api/reviews?limit=200', headers: mine })).json<Pairs>().items;
      expect(after.some((p) => p.a.record_key === pair.a.record_key && p.b.record_key === pair.b.record_key)).toBe(false);
      const entries = await f.store.auditReader.readEntries(before, 20);
      expect(entries.map((e) => (JSON.parse(Buffer.from(e.encoded).toString('utf8')) as { action: string; actor: string }).action)).toContain('review');
    });
  });
}
