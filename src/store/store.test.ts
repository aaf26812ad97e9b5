// One suite, every store: the same behaviour on SQLite and PostgreSQL, against real databases.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import type { IngestRun, QuarantineEntry, Store, StoredRecord } from './types.js';

const tricky = `Robert'); DROP TABLE records;-- \\ back\\slash\ttab\nnew line\r\u0007bell "quotes" 𠮷 =1+2`;

function record(id: string, overrides: Partial<StoredRecord> = {}): StoredRecord {
  return {
    source: 'police',
    recordId: id,
    runId: 'run-1',
    line: Number(id.replace(/\D/g, '')) || 1,
    contentHash: `h-${id}`,
    observedAt: '2025-01-02T00:00:00Z',
    ingestedAt: '2025-01-03T00:00:00Z',
    facts: '{}',
    relations: '[]',
    raw: JSON.stringify({ 姓名: '张三' }),
    valuesTotal: 3,
    valuesStandard: 2,
    persons: [
      { role: 'subject', name: '张三', namePinyin: 'zhang san', idNumber: '11010519491231002X', idValid: true, sex: 'M', birthDate: '1949-12-31', phone: '13800138000', hukouRegion: '110105', residenceRegion: '440305', fields: '{}' },
    ],
    ...overrides,
  };
}

function quarantined(line: number, overrides: Partial<QuarantineEntry> = {}): QuarantineEntry {
  return { source: 'police', fileHash: 'f1', fileName: 'a.csv', line, runId: 'run-1', recordId: null, reason: 'malformed_row', detail: 'x', raw: 'a,b', ...overrides };
}

const run: IngestRun = {
  runId: 'run-1', source: 'police', fileName: 'a.csv', fileHash: 'f1', mappingHash: 'm1', startedAt: '2025-01-03T00:00:00Z',
  finishedAt: null, status: 'running', columns: ['登记编号', '姓名', '=cmd|\' /C calc\'!A0'], rowsRead: 0, accepted: 0, quarantined: 0, valuesTotal: 0, valuesStandard: 0,
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`store on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    beforeEach(async () => {
      t = await factory.open();
      store = t.store;
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('finds known records by blocking key, and proposes none from an oversized block', async () => {
      expect(await store.resolution.hasLinks()).toBe(false);
      const fields = JSON.stringify({ r: 'subject', f: { name: [0, '张三', 1] } });
      const ids = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
      await store.writeBatch({ insert: ids.map((id) => record(id, { persons: [{ ...record(id).persons[0]!, fields }] })), replace: [], quarantine: [] });
      const key = (id: string): string => `police\u0001${id}\u0001subject`;
      await store.resolution.writeResolution({
        links: ids.map((id, i) => ({ recordKey: key(id), personId: `P${i}`, contentHash: `h-${id}` })),
        matchLinks: [],
        blockKeys: [...['k1', 'k2', 'k3', 'k4'].map((id) => ({ key: 'n:big', recordKey: key(id) })), ...['k5', 'k6'].map((id) => ({ key: 'n:small', recordKey: key(id) }))],
        reviews: [],
        events: [],
        personSeq: 6,
        at: '2025-01-04T00:00:00Z',
      });
      expect(await store.resolution.hasLinks()).toBe(true);
      const found = await store.resolution.findKnown(['n:big', 'n:small', 'n:none'], 3);
      expect(found.map((f) => f.loaded.input.key).sort()).toEqual([key('k5'), key('k6')]);
      expect(found.map((f) => f.personId).sort()).toEqual(['P4', 'P5']);
      expect(await store.resolution.findKnown(['n:big'], 4)).toHaveLength(4);
    });

    it('finds keys of recent runs beside the large table, caps a block across both, and moves them over in bulk', async () => {
      const fields = JSON.stringify({ r: 'subject', f: { name: [0, '张三', 1] } });
      const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
      await store.writeBatch({ insert: ids.map((id) => record(id, { persons: [{ ...record(id).persons[0]!, fields }] })), replace: [], quarantine: [] });
      const key = (id: string): string => `police\u0001${id}\u0001subject`;
      const write = { matchLinks: [], reviews: [], events: [], personSeq: 5, at: '2025-01-04T00:00:00Z' };
      await store.resolution.writeResolution({ ...write, links: ['r1', 'r2'].map((id, i) => ({ recordKey: key(id), personId: `P${i}`, contentHash: `h-${id}` })), blockKeys: [{ key: 'n:two', recordKey: key('r1') }, { key: 'n:two', recordKey: key('r2') }, { key: 'p:1', recordKey: key('r1') }] });
      await store.resolution.writeResolution({
        ...write,
        blockKeysTo: 'recent',
        links: ['r3', 'r4', 'r5'].map((id, i) => ({ recordKey: key(id), personId: `P${i + 2}`, contentHash: `h-${id}` })),
        blockKeys: [{ key: 'n:two', recordKey: key('r3') }, { key: 'p:5', recordKey: key('r5') }, { key: 'n:new', recordKey: key('r4') }],
      });
      const keysOf = async (keys: string[], cap: number): Promise<string[]> => (await store.resolution.findKnown(keys, cap)).map((f) => f.loaded.input.key).sort();
      expect(await keysOf(['n:two', 'p:5', 'n:new', 'p:1'], 8)).toEqual(ids.map(key));
      // Three records under n:two, two in the large table and one recent: over a cap of two.
      expect(await keysOf(['n:two'], 2)).toEqual([]);
      expect(await keysOf(['n:two'], 3)).toEqual(['r1', 'r2', 'r3'].map(key));
      // Namesakes (the persons of a name's n: key) are counted across both tables, with the same cap.
      const namesakes = await store.resolution.storedNamesakes(['two', 'new', 'none'], 3);
      expect([...namesakes].map(([name, persons]) => [name, persons === null ? null : [...persons].sort()])).toEqual([['two', ['P0', 'P1', 'P2']], ['new', ['P3']], ['none', []]]);
      expect((await store.resolution.storedNamesakes(['two'], 2)).get('two')).toBeNull();
      expect(await store.resolution.mergeRecentBlockKeys(4)).toBe(0);
      expect(await store.resolution.mergeRecentBlockKeys(3)).toBe(3);
      expect(await store.resolution.mergeRecentBlockKeys(1)).toBe(0);
      expect(await keysOf(['n:two', 'p:5', 'n:new', 'p:1'], 8)).toEqual(ids.map(key));
      expect(await keysOf(['n:two'], 2)).toEqual([]);
    });

    it('moves a linked record to another person and keeps its stored content hash', async () => {
      const fields = JSON.stringify({ r: 'subject', f: { name: [0, '张三', 1] } });
      await store.writeBatch({ insert: ['m1', 'm2'].map((id) => record(id, { persons: [{ ...record(id).persons[0]!, fields }] })), replace: [], quarantine: [] });
      const key = (id: string): string => `police\u0001${id}\u0001subject`;
      const write = { matchLinks: [], blockKeys: [{ key: 'n:m', recordKey: key('m1') }, { key: 'n:m', recordKey: key('m2') }], reviews: [], events: [], personSeq: 2, at: '2025-01-04T00:00:00Z' };
      await store.resolution.writeResolution({ ...write, links: [{ recordKey: key('m1'), personId: 'P1', contentHash: 'h-m1' }, { recordKey: key('m2'), personId: 'P2', contentHash: 'h-m2' }] });
      // A merge moves m2 into P1: no hash in hand, the stored one stays and the record is still "linked as it is".
      await store.resolution.writeResolution({ ...write, blockKeys: [], links: [{ recordKey: key('m2'), personId: 'P1', contentHash: null }] });
      const found = await store.resolution.findKnown(['n:m'], 8);
      expect(found.map((f) => [f.loaded.input.key, f.personId]).sort()).toEqual([[key('m1'), 'P1'], [key('m2'), 'P1']]);
      // Two records of one person under a name: one namesake.
      expect((await store.resolution.storedNamesakes(['m'], 8)).get('m')).toEqual(['P1']);
      expect(await store.resolution.pendingRecords(null, 10)).toEqual([]);
      // A record never linked cannot be "moved": the write fails whole.
      await expect(store.resolution.writeResolution({ ...write, blockKeys: [], links: [{ recordKey: key('m9'), personId: 'P1', contentHash: null }] })).rejects.toThrow(/no link/);
    });

    it('rewrites golden records in place: changed values found by the new ones only, removed persons gone, new ones added', async () => {
      const person = (id: string, name: string, phone: string | null, golden: string) => ({
        person_id: id, name, name_key: name, id_number: null, sex: 'M', birth_date: null, phone, hukou_region: null, residence_region: '440305',
        floating: 'floating', registered: 0, evidence: null, sources: 'police', record_count: 1, conflict_count: 0, golden, updated_at: '2025-01-04T00:00:00Z',
      });
      await store.resolution.writeGolden({ persons: [person('P1', '张三', '13800138000', 'g1'), person('P2', '李四', '13900139000', 'g2'), person('P4', '王五', '13700137000', 'g4')], conflicts: [], remove: [] });
      await store.resolution.writeGolden({
        persons: [{ ...person('P1', '张三', '13600136000', 'g1b'), record_count: 2 }, person('P3', '赵六', null, 'g3'), { ...person('P4', '王六', null, 'g4b'), residence_region: undefined }],
        conflicts: [],
        remove: ['P2'],
      });
      const db = store.resolution.kysely;
      const byPhone = async (phone: string): Promise<string[]> => (await db.selectFrom('persons').select('person_id').where('phone', '=', phone).execute()).map((r) => r.person_id);
      const byName = async (name: string): Promise<string[]> => (await db.selectFrom('persons').select('person_id').where('name', '=', name).orderBy('person_id').execute()).map((r) => r.person_id);
      expect(await byPhone('13600136000')).toEqual(['P1']);
      expect(await byPhone('13800138000')).toEqual([]);
      expect(await byPhone('13700137000')).toEqual([]);
      expect(await byName('王五')).toEqual([]);
      expect(await byName('王六')).toEqual(['P4']);
      expect(await byName('李四')).toEqual([]);
      const rows = await db.selectFrom('persons').select(['person_id', 'name', 'phone', 'residence_region', 'record_count', 'golden']).orderBy('person_id').execute();
      expect(rows.map((r) => ({ ...r, record_count: Number(r.record_count) }))).toEqual([
        { person_id: 'P1', name: '张三', phone: '13600136000', residence_region: '440305', record_count: 2, golden: 'g1b' },
        { person_id: 'P3', name: '赵六', phone: null, residence_region: '440305', record_count: 1, golden: 'g3' },
        { person_id: 'P4', name: '王六', phone: null, residence_region: null, record_count: 1, golden: 'g4b' },
      ]);
    });

    it('migrates twice without harm and reports its dialect', async () => {
      await store.migrate();
      expect(store.dialect).toBe(factory.name);
      expect(await store.countRecords()).toEqual({ records: 0, persons: 0, quarantined: 0 });
    });

    it('initialises the node once', async () => {
      expect(await store.findNode()).toBeUndefined();
      const node = { nodeId: 'n1', region: '440300', name: '深圳市', createdAt: '2025-01-01T00:00:00Z' };
      await store.initNode(node);
      expect(await store.findNode()).toEqual(node);
      await expect(store.initNode(node)).rejects.toThrow(/already initialised/);
    });

    it('upserts sources and summarises completed runs', async () => {
      await store.saveSource({ source: 'police', kind: 'residence_registration', department: '市公安局', mapping: '{}', mappingHash: 'm1', updatedAt: 't1' });
      await store.saveSource({ source: 'police', kind: 'residence_registration', department: '公安局', mapping: '{}', mappingHash: 'm2', updatedAt: 't2' });
      expect((await store.findSource('police'))?.department).toBe('公安局');
      await store.startRun(run);
      await store.writeBatch({ insert: [record('r1'), record('r2')], replace: [], quarantine: [quarantined(4)] });
      let [summary] = await store.listSources();
      expect(summary?.runs).toBe(0); // a running run does not count yet
      await store.finishRun('run-1', { rowsRead: 3, accepted: 2, quarantined: 1, valuesTotal: 6, valuesStandard: 4 }, '2025-01-03T01:00:00Z');
      [summary] = await store.listSources();
      expect(summary).toMatchObject({ source: 'police', records: 2, rowsRead: 3, accepted: 2, quarantined: 1, runs: 1, valuesTotal: 6, valuesStandard: 4, lastIngestAt: '2025-01-03T01:00:00Z' });
      expect((await store.findRun('police', 'f1'))?.status).toBe('completed');
      // The run's column names come back exactly, in order (its records' raw rows follow them).
      expect((await store.findRun('police', 'f1'))?.columns).toEqual(run.columns);
      expect(await store.findRun('police', 'other')).toBeUndefined();
      await store.startRun({ ...run, runId: 'run-2', fileHash: 'f2', columns: null });
      expect((await store.findRun('police', 'f2'))?.columns).toBeNull();
    });

    it('keeps every character of hostile text exactly', async () => {
      const r = record('r1', { raw: JSON.stringify({ name: tricky }), facts: tricky });
      r.persons[0] = { ...r.persons[0]!, name: tricky, fields: tricky };
      await store.writeBatch({ insert: [r], replace: [], quarantine: [quarantined(2, { raw: tricky, detail: tricky })] });
      const [back] = await collect(store.streamRecords());
      expect(back?.facts).toBe(tricky);
      expect(back?.persons[0]?.name).toBe(tricky);
      const [q] = await collect(store.streamQuarantine());
      expect(q?.raw).toBe(tricky);
    });

    it('replaces a record with its new version and its persons', async () => {
      await store.writeBatch({ insert: [record('r1')], replace: [], quarantine: [] });
      const updated = record('r1', { runId: 'run-2', contentHash: 'h2', persons: [] });
      updated.persons.push({ ...record('x').persons[0]!, role: 'guardian', name: '李四' });
      await store.writeBatch({ insert: [], replace: [updated], quarantine: [] });
      const all = await collect(store.streamRecords());
      expect(all).toHaveLength(1);
      expect(all[0]?.runId).toBe('run-2');
      expect(all[0]?.persons.map((p) => p.name)).toEqual(['李四']);
      const versions = await store.findRecordVersions('police', ['r1', 'nope']);
      expect([...versions.entries()]).toEqual([['r1', { runId: 'run-2', line: 1, contentHash: 'h2' }]]);
    });

    it('writes a batch whole or not at all', async () => {
      await store.writeBatch({ insert: [record('r1')], replace: [], quarantine: [] });
      await expect(store.writeBatch({ insert: [record('r2'), record('r1')], replace: [], quarantine: [quarantined(9)] })).rejects.toThrow();
      expect(await store.countRecords()).toEqual({ records: 1, persons: 1, quarantined: 0 });
    });

    it('keeps a quarantined row once however often it is written', async () => {
      await store.writeBatch({ insert: [], replace: [], quarantine: [quarantined(3), quarantined(2)] });
      await store.writeBatch({ insert: [], replace: [], quarantine: [quarantined(3)] });
      expect((await collect(store.streamQuarantine())).map((q) => q.line)).toEqual([2, 3]);
    });

    it('streams more rows than one page, in order', async () => {
      const rows = Array.from({ length: 4500 }, (_, i) => quarantined(i + 1, { fileHash: i % 2 === 0 ? 'a' : 'b' }));
      await store.writeBatch({ insert: [], replace: [], quarantine: rows });
      const back = await collect(store.streamQuarantine());
      expect(back).toHaveLength(4500);
      expect(back[0]).toMatchObject({ fileHash: 'a', line: 1 });
      expect(back.at(-1)).toMatchObject({ fileHash: 'b', line: 4500 });
      const records = Array.from({ length: 2100 }, (_, i) => record(`r${String(i).padStart(5, '0')}`));
      await store.writeBatch({ insert: records, replace: [], quarantine: [] });
      const streamed = await collect(store.streamRecords('police'));
      expect(streamed.map((r) => r.recordId)).toEqual(records.map((r) => r.recordId));
      expect(streamed.every((r) => r.persons.length === 1)).toBe(true);
    });
  });
}
