// The person view's read model (migration 0010) and the indicators' summary beside it (0015)
// against the tables they are built from: after a resolution, a re-versioned record, a reviewer's
// split and merge, and a fill of an older store, every person's stored records equal what the
// tables say, or the person has none and is read from the tables. On both stores.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/pipeline.js';
import { loadMapping } from '../../ingest/load-mapping.js';
import { rebuildGolden, resolvePending } from '../../resolve/resolve.js';
import { applyDecision } from '../../resolve/review.js';
import type { CityManifest } from '../../synth/index.js';
import { ingestCity, makeCity } from '../../test-support/city.js';
import { makeTempDir, type TempDir } from '../../test-support/files.js';
import { storeFactories, type TestStore } from '../../test-support/stores.js';
import type { Store } from '../types.js';
import { encodeTally } from '../../indicators/record-tally.js';
import { decodeLinkedRecords, encodeLinkedRecords } from './person-records.js';

const options = { nodeId: 'T', jurisdiction: '440300', now: () => new Date('2025-07-01T00:00:00Z') };

async function storedViews(store: Store): Promise<Map<string, string>> {
  const rows = await store.resolution.kysely.selectFrom('person_views').select(['person_id', 'records']).execute();
  return new Map(rows.map((r) => [r.person_id, r.records]));
}

async function personIds(store: Store): Promise<string[]> {
  return (await store.resolution.kysely.selectFrom('persons').select('person_id').orderBy('person_id').execute()).map((r) => r.person_id);
}

/** Every stored view, and the indicators' summary beside it, equals the tables; returns how many persons have one. */
async function expectViewsMatchTables(store: Store): Promise<number> {
  const views = await storedViews(store);
  const persons = new Set(await personIds(store));
  const tallies = new Map((await store.resolution.kysely.selectFrom('person_tallies').selectAll().execute()).map((t) => [t.person_id, t.tally]));
  for (const id of views.keys()) expect(persons.has(id), `a view of ${id}, who is no person`).toBe(true);
  for (const [id, text] of views) {
    const fromTables = await store.persons.recordsFromTables(id);
    expect(decodeLinkedRecords(text), id).toEqual(fromTables);
    expect(tallies.get(id), id).toBe(encodeTally(fromTables));
  }
  for (const id of tallies.keys()) expect(views.has(id), `a summary of ${id} without a view`).toBe(true);
  return views.size;
}

let dir: TempDir;
let manifest: CityManifest;

beforeAll(async () => {
  dir = makeTempDir('yima-views-');
  manifest = await makeCity(dir.path, 300, 23);
}, 120_000);
afterAll(() => dir.remove());

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`person view read model on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    beforeAll(async () => {
      t = await factory.open();
      store = t.store;
      await ingestCity(store, dir.path, manifest);
      await resolvePending(store.resolution, options);
    }, 240_000);
    afterAll(async () => {
      await t.dispose();
    });

    it('holds every person after a resolution, equal to the tables', async () => {
      const persons = await personIds(store);
      expect(persons.length).toBeGreaterThan(200);
      expect(await expectViewsMatchTables(store)).toBe(persons.length);
      const one = persons[0]!;
      const view = await store.persons.personForView(one);
      expect(view?.records.map((r) => ({ ...r, kind: undefined, department: undefined, personOfRole: undefined }))).toEqual(
        (await store.persons.recordsFromTables(one)).map((r) => ({ ...r, kind: undefined, department: undefined, personOfRole: undefined })),
      );
    });

    it('gives a resolution the same candidates from the views as from the tables, and only current ones', async () => {
      const persons = await personIds(store);
      type Candidate = Awaited<ReturnType<Store['resolution']['recordsOfPersons']>>[number];
      const comparable = (items: Candidate[]) =>
        items.map((c) => ({ personId: c.personId, contentHash: c.loaded.contentHash, input: c.loaded.input })).sort((a, b) => (a.input.key < b.input.key ? -1 : a.input.key > b.input.key ? 1 : 0));
      const fromViews = await store.resolution.recordsOfPersons(persons);
      expect(fromViews.length).toBeGreaterThan(persons.length);
      expect(comparable(fromViews)).toEqual(comparable(await store.resolution.recordsOfPersonsFromTables(persons)));
      // The view is what is read: a record in it linked at another version than the stored one is left out.
      const one = persons.find((id) => fromViews.filter((c) => c.personId === id).length >= 2)!;
      const view = decodeLinkedRecords((await storedViews(store)).get(one)!)!;
      const edited = view.map((r, i) => (i === 0 ? { ...r, linkedHash: 'an-older-version' } : r));
      await store.resolution.kysely.updateTable('person_views').set({ records: encodeLinkedRecords(edited) }).where('person_id', '=', one).execute();
      const left = await store.resolution.recordsOfPersons([one]);
      expect(left.map((c) => c.loaded.input.key)).not.toContain(`${view[0]!.source}\u0001${view[0]!.recordId}\u0001${view[0]!.role}`);
      expect(left.length).toBe(fromViews.filter((c) => c.personId === one).length - 1);
      await store.resolution.refreshPersonViews([one]);
      // A person a record is linked to loses their view in the same write: it would lack that record.
      const other = persons.find((id) => id !== one)!;
      const moved = (await store.resolution.recordsOfPersons([one]))[0]!.loaded;
      const dropped = await store.resolution.writeResolution({ links: [{ recordKey: moved.input.key, personId: other, contentHash: moved.contentHash }], matchLinks: [], blockKeys: [], reviews: [], events: [], personSeq: await store.resolution.personSeq(), at: '2025-07-01T12:00:00Z' });
      expect(dropped).toContain(other);
      expect((await storedViews(store)).has(other)).toBe(false);
      expect((await store.resolution.recordsOfPersons([other])).map((c) => c.loaded.input.key)).toContain(moved.input.key);
      await store.resolution.writeResolution({ links: [{ recordKey: moved.input.key, personId: one, contentHash: moved.contentHash }], matchLinks: [], blockKeys: [], reviews: [], events: [], personSeq: await store.resolution.personSeq(), at: '2025-07-01T12:00:00Z' });
      await rebuildGolden(store.resolution, [one, other], options.jurisdiction, '2025-07-01T12:00:00Z');
      expect(await expectViewsMatchTables(store)).toBe(persons.length);
    });

    it('drops the view of a person whose record is re-versioned, and rebuilds it on the next resolution', async () => {
      const source = manifest.sources.find((s) => s.file.endsWith('.csv') && !readFileSync(resolve(dir.path, s.mapping), 'utf8').includes('gb18030'))!;
      const file = resolve(dir.path, source.file);
      const lines = readFileSync(file, 'utf8').split('\n');
      // The first data row, changed in its last cell: a new version of the same record.
      lines[1] = `${lines[1]!.replace(/\r$/, '')}9`;
      writeFileSync(file, lines.join('\n'));
      const before = await storedViews(store);
      const hashes = async () => new Map((await store.resolution.kysely.selectFrom('records').select(['record_id', 'content_hash']).where('source', '=', source.source).execute()).map((r) => [r.record_id, r.content_hash]));
      const oldHashes = await hashes();
      await ingestFiles(store, await loadMapping(resolve(dir.path, source.mapping)), [file], { now: () => new Date('2025-07-02T00:00:00Z') });
      const changed = [...(await hashes())].filter(([id, h]) => oldHashes.get(id) !== h).map(([id]) => id);
      expect(changed.length).toBe(1);
      const owners = (await store.resolution.kysely.selectFrom('person_links').select('person_id').where('source', '=', source.source).where('record_id', 'in', changed).execute()).map((r) => r.person_id);
      expect(owners.length).toBeGreaterThan(0);
      const after = await storedViews(store);
      for (const owner of owners) {
        expect(before.has(owner)).toBe(true);
        expect(after.has(owner)).toBe(false);
        // Meanwhile the view is read from the tables: the new version shows.
        const shown = (await store.persons.personForView(owner))!.records.find((r) => r.source === source.source && r.recordId === changed[0]);
        const fromTables = (await store.persons.recordsFromTables(owner)).find((r) => r.source === source.source && r.recordId === changed[0]);
        expect(shown?.facts).toBe(fromTables?.facts);
      }
      expect(after.size).toBe(before.size - new Set(owners).size);
      await expectViewsMatchTables(store);
      await resolvePending(store.resolution, { ...options, now: () => new Date('2025-07-03T00:00:00Z') });
      expect(await expectViewsMatchTables(store)).toBe((await personIds(store)).length);
    });

    it('follows a reviewer\u2019s split and merge', async () => {
      const links = await store.resolution.kysely.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id']).execute();
      const byPerson = new Map<string, string[]>();
      for (const l of links) byPerson.set(l.person_id, [...(byPerson.get(l.person_id) ?? []), `${l.source}\u0001${l.record_id}\u0001${l.role}`]);
      const [a, b] = [...byPerson.values()].find((keys) => keys.length >= 2)!;
      await applyDecision(store.resolution, { a: a!, b: b!, same: false }, { ...options, reviewer: 'reviewer1' });
      expect(await expectViewsMatchTables(store)).toBe((await personIds(store)).length);
      await applyDecision(store.resolution, { a: a!, b: b!, same: true }, { ...options, reviewer: 'reviewer1' });
      expect(await expectViewsMatchTables(store)).toBe((await personIds(store)).length);
    });

    it('drops the view of a person whose record has another role relinked (the guardian named in a child\u2019s view)', async () => {
      const links = await store.resolution.kysely.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id', 'content_hash']).execute();
      const byRecord = new Map<string, typeof links>();
      for (const l of links) byRecord.set(`${l.source}\u0001${l.record_id}`, [...(byRecord.get(`${l.source}\u0001${l.record_id}`) ?? []), l]);
      const shared = [...byRecord.values()].find((roles) => roles.length >= 2 && new Set(roles.map((r) => r.person_id)).size === roles.length)!;
      expect(shared).toBeDefined();
      const [stay, move] = [shared[0]!, shared[1]!];
      const before = decodeLinkedRecords((await storedViews(store)).get(stay.person_id)!)!;
      expect(before.find((r) => r.source === move.source && r.recordId === move.record_id)?.persons.find((p) => p.role === move.role)?.personId).toBe(move.person_id);
      // The primitive every relink goes through (resolution and review alike).
      const seq = await store.resolution.personSeq();
      const dropped = await store.resolution.writeResolution({
        links: [{ recordKey: `${move.source}\u0001${move.record_id}\u0001${move.role}`, personId: 'P-moved', contentHash: move.content_hash }],
        matchLinks: [],
        blockKeys: [],
        reviews: [],
        events: [],
        personSeq: seq,
        at: '2025-07-04T00:00:00Z',
      });
      expect((await storedViews(store)).has(stay.person_id)).toBe(false);
      expect(dropped).toContain(stay.person_id);
      const shown = (await store.persons.personForView(stay.person_id))!.records.find((r) => r.source === move.source && r.recordId === move.record_id)!;
      expect(shown.personOfRole.get(move.role)).toBe('P-moved');
      await expectViewsMatchTables(store);
      // As resolution goes on to do: the golden records of the persons the role left and joined,
      // then the views of the others who share the record.
      await rebuildGolden(store.resolution, [move.person_id, 'P-moved'], options.jurisdiction, '2025-07-04T00:00:00Z');
      await store.resolution.refreshPersonViews([stay.person_id]);
      expect(await expectViewsMatchTables(store)).toBe((await personIds(store)).length);
    });

    it('rebuilds a golden page in one transaction: a build that fails leaves its persons, views and conflicts as they were', async () => {
      const ids = (await personIds(store)).slice(0, 5);
      const before = await storedViews(store);
      const conflicts = async (): Promise<unknown[]> => store.resolution.kysely.selectFrom('person_conflicts').selectAll().where('person_id', 'in', ids).orderBy('person_id').orderBy('field').execute();
      const conflictsBefore = await conflicts();
      let seen = 0;
      await expect(
        store.resolution.rebuildGoldenPage(ids, undefined, (records) => {
          seen = new Set(records.map((r) => r.personId)).size;
          throw new Error('build failed');
        }),
      ).rejects.toThrow('build failed');
      // The build saw every person of the page, read under the transaction that then rolled back.
      expect(seen).toBe(ids.length);
      expect(await storedViews(store)).toEqual(before);
      expect(await conflicts()).toEqual(conflictsBefore);
      // A build that leaves a person of the page out is refused the same way.
      await expect(store.resolution.rebuildGoldenPage(ids, undefined, () => ({ persons: [], conflicts: [], remove: ids.slice(1) }))).rejects.toThrow('left out 1');
      expect(await storedViews(store)).toEqual(before);
      // The same page rebuilt for real writes views equal to the tables again.
      await rebuildGolden(store.resolution, ids, options.jurisdiction, '2025-07-02T00:00:00.000Z');
      expect(await expectViewsMatchTables(store)).toBe((await personIds(store)).length);
    });

    it('is filled once for a store that has none, and a damaged row is read from the tables', async () => {
      await store.resolution.kysely.deleteFrom('person_views').execute();
      await store.resolution.kysely.deleteFrom('meta').where('key', '=', 'person_views_format').execute();
      const persons = await personIds(store);
      const one = persons[0]!;
      const expected = await store.persons.personForView(one);
      expect((await storedViews(store)).size).toBe(0);
      expect(await store.resolution.fillPersonViews()).toBe(persons.length);
      expect(await expectViewsMatchTables(store)).toBe(persons.length);
      // Each view has the indicators' summary beside it.
      expect(await store.resolution.kysely.selectFrom('person_tallies').select('person_id').execute()).toHaveLength(persons.length);
      expect(await store.resolution.fillPersonViews()).toBe(0);
      await store.resolution.kysely.updateTable('person_views').set({ records: '{"not":"records"' }).where('person_id', '=', one).execute();
      expect(await store.persons.personForView(one)).toEqual(expected);
      // Rows of an older stored form are not read, and the next fill rewrites them all.
      await store.resolution.kysely.updateTable('person_views').set({ records: '{"v":0,"records":[]}' }).execute();
      expect(await store.persons.personForView(one)).toEqual(expected);
      await store.resolution.kysely.updateTable('meta').set({ value: '0' }).where('key', '=', 'person_views_format').execute();
      expect(await store.resolution.fillPersonViews()).toBe(persons.length);
      expect(await expectViewsMatchTables(store)).toBe(persons.length);
    });
  });
}
