// Persistence of entity resolution, written once with Kysely for both dialects: which person each
// record belongs to, the explainable links, the blocking-key index that lets a new batch find its
// candidates without loading the whole store, golden records, conflicts, reviews and models.

import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ConflictResolution, ReviewDecision, ReviewEntry } from '../../matching/index.js';
import type { Database } from '../schema.js';
import { personsOfRecords, recordsOfPersons, recordsOfPersonsFromTables } from './linked-inputs.js';
import { inputsOfLinkedRecords, loadInputs, splitRecordKey, type LoadedInput, type RecordRef, type ResolutionDb } from './load-inputs.js';
import type { PersonConflictsTable, PersonsTable, ResolutionEventsTable, ResolutionTables } from './tables.js';
import type { AccessTables } from '../access/tables.js';
import { deletePersonViews, dropViewsOfRecords, fillPersonViews, insertPersonViews, linkedRecordsOf, refreshPersonViews } from './person-views.js';
import { writePersonRows } from './person-rows.js';
import { createBlockKeyIndex, dropBlockKeyIndex, mergeRecentBlockKeys } from './block-keys.js';
import { bulkInsert } from '../bulk-insert.js';
import { findKnown, storedNamesakes } from './candidates.js';
import type { LinkedRecord } from '../persons/person-records.js';

/** Rows per round trip when streaming exports. */
const pageRows = 2000;

export interface LinkRow {
  recordKey: string;
  personId: string;
  /** The record's content hash when it was loaded for this write; null for a record linked before
   *  that only moves to another person (a merge or split): its stored hash stays. */
  contentHash: string | null;
}

export interface MatchLinkRow {
  a: string;
  b: string;
  probability: number;
  score: number;
  rule: string;
  levels: string;
}

export interface ResolutionWrite {
  links: LinkRow[];
  matchLinks: MatchLinkRow[];
  blockKeys: { key: string; recordKey: string }[];
  /**
   * Where the keys go: a first load fills the large table (its index is built afterwards); an
   * incremental run the small one, moved over in bulk by mergeRecentBlockKeys. Default: large.
   */
  blockKeysTo?: 'all' | 'recent';
  reviews: ReviewEntry[];
  events: Insertable<ResolutionEventsTable>[];
  personSeq: number;
  at: string;
}

export interface GoldenWrite {
  persons: Insertable<PersonsTable>[];
  conflicts: Insertable<PersonConflictsTable>[];
  /** Persons with no record left (absorbed by a merge). */
  remove: string[];
  /** A service code id for each written person; kept if the person has one already. */
  codes?: { personId: string; codeId: string }[];
}

export interface ReviewRow {
  a: string;
  b: string;
  probability: number;
  score: number;
  levels: string;
  status: string;
  createdAt: string;
}

export class ResolutionStore {
  private readonly db: ResolutionDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ResolutionTables>();
  }


  async latestModel(): Promise<{ version: number; model: string } | undefined> {
    const row = await this.db.selectFrom('match_models').select(['version', 'model']).orderBy('version', 'desc').executeTakeFirst();
    return row === undefined ? undefined : { version: Number(row.version), model: row.model };
  }

  async saveModel(version: number, model: string, at: string): Promise<void> {
    await this.db.insertInto('match_models').values({ version, model, trained_at: at }).execute();
  }

  async decisions(): Promise<ReviewDecision[]> {
    const rows = await this.db.selectFrom('review_queue').select(['record_a', 'record_b', 'status']).where('status', 'in', ['same', 'not_same']).execute();
    return rows.map((r) => ({ a: r.record_a, b: r.record_b, same: r.status === 'same' }));
  }

  /** Persons of records (one per record and role): what a model can be trained on. */
  async countRecordRoles(): Promise<number> {
    const row = await this.db.selectFrom('record_persons').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stored records in key order, the next page after `after`. */
  async recordRefsAfter(after: RecordRef | null, limit: number): Promise<RecordRef[]> {
    let query = this.db.selectFrom('records').select(['source', 'record_id']).orderBy('source').orderBy('record_id').limit(limit);
    if (after !== null) {
      // A row-value comparison seeks to the key (an OR of columns scanned the source from its start each page).
      query = query.where((eb) => eb(eb.refTuple('source', 'record_id'), '>', eb.tuple(after.source, after.recordId)));
    }
    return (await query.execute()).map((r) => ({ source: r.source, recordId: r.record_id }));
  }

  /** Whether any record is linked yet (one index probe, not a count over a million links). */
  async hasLinks(): Promise<boolean> {
    const row = await this.db.selectFrom('person_links').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async personSeq(): Promise<number> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', 'person_seq').executeTakeFirst();
    return row === undefined ? 0 : Number(row.value);
  }

  /** When the last completed resolution started: records ingested since then may be pending. */
  async resolvedThrough(): Promise<string | null> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', 'resolved_through').executeTakeFirst();
    return row?.value ?? null;
  }

  async setResolvedThrough(at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('meta').where('key', '=', 'resolved_through').execute();
      await trx.insertInto('meta').values({ key: 'resolved_through', value: at }).execute();
    });
  }

  /** Records with a role not linked yet, or linked in an older version of the record. */
  private pendingQuery() {
    return this.db
      .selectFrom('records as r')
      .select(['r.source', 'r.record_id'])
      .where((outer) =>
        outer.exists(
          outer
            .selectFrom('record_persons as rp')
            .leftJoin('person_links as pl', (j) => j.onRef('pl.source', '=', 'rp.source').onRef('pl.record_id', '=', 'rp.record_id').onRef('pl.role', '=', 'rp.role'))
            .select(sql`1`.as('one'))
            .whereRef('rp.source', '=', 'r.source')
            .whereRef('rp.record_id', '=', 'r.record_id')
            .where((eb) => eb.or([eb('pl.person_id', 'is', null), eb('pl.content_hash', '<>', eb.ref('r.content_hash'))])),
        ),
      );
  }

  /** Pending records, the next page after `after` in key order: each page costs its own rows only. */
  async pendingRecords(after: RecordRef | null, limit: number): Promise<RecordRef[]> {
    let query = this.pendingQuery().orderBy('r.source').orderBy('r.record_id').limit(limit);
    if (after !== null) {
      query = query.where((eb) => eb(eb.refTuple('r.source', 'r.record_id'), '>', eb.tuple(after.source, after.recordId)));
    }
    return (await query.execute()).map((r) => ({ source: r.source, recordId: r.record_id }));
  }

  /** Ingest runs no resolution has taken in yet, and whether each had completed. */
  async unresolvedRuns(): Promise<{ runId: string; completed: boolean }[]> {
    const rows = await this.db.selectFrom('ingest_runs').select(['run_id', 'status']).where('resolved_at', 'is', null).execute();
    return rows.map((r) => ({ runId: r.run_id, completed: r.status === 'completed' }));
  }

  /** Marks runs as taken in by a resolution that has finished. */
  async markRunsResolved(runIds: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < runIds.length; i += 500) {
      await this.db.updateTable('ingest_runs').set({ resolved_at: at }).where('run_id', 'in', runIds.slice(i, i + 500)).execute();
    }
  }

  /**
   * The pending records of the given ingest runs (a record's latest version carries the run that
   * wrote it). The run index drives the query: a batch costs its own rows, not a walk over the
   * whole store. Sorted here, in record-key order.
   */
  async pendingInRuns(runIds: readonly string[]): Promise<RecordRef[]> {
    const refs: RecordRef[] = [];
    for (let i = 0; i < runIds.length; i += 500) {
      const rows = await this.pendingQuery().where('r.run_id', 'in', runIds.slice(i, i + 500)).execute();
      for (const r of rows) refs.push({ source: r.source, recordId: r.record_id });
    }
    return refs.sort((a, b) => (a.source === b.source ? (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0) : a.source < b.source ? -1 : 1));
  }

  loadInputs(refs: readonly RecordRef[]): Promise<LoadedInput[]> {
    return loadInputs(this.db, refs);
  }

  /** Records filed under any of the keys, with every record of their persons, as resolved before (candidates.ts). */
  findKnown(keys: readonly string[], blockCap: number, namesakes?: Map<string, string[] | null>): Promise<{ loaded: LoadedInput; personId: string }[]> {
    return findKnown(this, this.db, keys, blockCap, namesakes);
  }

  /** For each name, the persons holding a named record written exactly so, or null when too many (candidates.ts). */
  storedNamesakes(names: readonly string[], blockCap: number): Promise<Map<string, string[] | null>> {
    return storedNamesakes(this, this.db, names, blockCap);
  }

  /** The person of each given record key that is linked. */
  personsOfRecords(keys: readonly string[]): Promise<Map<string, string>> {
    return personsOfRecords(this.db, keys);
  }

  /** Every current record of the given persons, as matching inputs (linked-inputs.ts). */
  recordsOfPersons(personIds: readonly string[], known?: ReadonlyMap<string, LoadedInput>): Promise<{ loaded: LoadedInput; personId: string }[]> {
    return recordsOfPersons(this.db, personIds, known);
  }

  /** The same, from the tables alone, whether or not the persons have views (tests compare the two). */
  recordsOfPersonsFromTables(personIds: readonly string[], known?: ReadonlyMap<string, LoadedInput>): Promise<{ loaded: LoadedInput; personId: string }[]> {
    return recordsOfPersonsFromTables(this.db, personIds, known);
  }
  /** Returns the persons whose person view was dropped (see `dropViewsOfRecords`): `refreshPersonViews` writes them again. */
  async writeResolution(w: ResolutionWrite): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const links = [];
      const moves = [];
      for (const l of w.links) {
        const { source, recordId, role } = splitRecordKey(l.recordKey);
        if (l.contentHash === null) moves.push({ source, record_id: recordId, role, person_id: l.personId });
        else links.push({ source, record_id: recordId, role, person_id: l.personId, content_hash: l.contentHash, linked_at: w.at });
      }
      // Relinking any role of a record drops the read model of everyone linked to that record (the
      // person a role leaves, and those whose view names that role's person) and of the persons the
      // records now go to (a view is never short of a linked record: recordsOfPersons reads them);
      // the golden rebuild and refreshPersonViews that follow write them again.
      const dropped = await dropViewsOfRecords(trx, [...links, ...moves].map((l) => ({ source: l.source, recordId: l.record_id })), [...links, ...moves].map((l) => l.person_id));
      for (const m of moves) {
        const moved = await trx
          .updateTable('person_links')
          .set({ person_id: m.person_id, linked_at: w.at })
          .where('source', '=', m.source)
          .where('record_id', '=', m.record_id)
          .where('role', '=', m.role)
          .executeTakeFirst();
        if (moved.numUpdatedRows !== 1n) throw new Error(`a moved record has no link: ${m.source} ${m.record_id} ${m.role}`);
      }
      await bulkInsert(trx, 'person_links', links, { onConflict: { columns: ['source', 'record_id', 'role'], update: ['person_id', 'content_hash', 'linked_at'] } });
      const matchLinks = w.matchLinks.map((m) => ({ record_a: m.a, record_b: m.b, probability: m.probability, score: m.score, rule: m.rule, levels: m.levels, created_at: w.at }));
      await bulkInsert(trx, 'match_links', matchLinks, { onConflict: { columns: ['record_a', 'record_b'], update: ['probability', 'score', 'rule', 'levels', 'created_at'] } });
      await bulkInsert(trx, w.blockKeysTo === 'recent' ? 'block_keys_recent' : 'block_keys', w.blockKeys.map((k) => ({ key: k.key, record_key: k.recordKey })));
      const reviews = w.reviews.map((r) => ({ record_a: r.a, record_b: r.b, probability: r.probability, score: r.score, levels: JSON.stringify(r.levels), status: 'open', created_at: w.at, decided_by: null, decided_at: null }));
      await bulkInsert(trx, 'review_queue', reviews, { onConflict: { columns: ['record_a', 'record_b'] } });
      await bulkInsert(trx, 'resolution_events', w.events);
      await trx.deleteFrom('meta').where('key', '=', 'person_seq').execute();
      await trx.insertInto('meta').values({ key: 'person_seq', value: String(w.personSeq) }).execute();
      return dropped;
    });
  }

  /** Writes the person views of the given persons again, from the tables (persons with no record get none). */
  refreshPersonViews(personIds: readonly string[]): Promise<void> {
    return refreshPersonViews(this.db, personIds);
  }

  /** See block-keys.ts. */
  mergeRecentBlockKeys(atLeast: number): Promise<number> {
    return mergeRecentBlockKeys(this.db, atLeast);
  }

  dropBlockKeyIndex(): Promise<void> {
    return dropBlockKeyIndex(this.db);
  }

  createBlockKeyIndex(): Promise<void> {
    return createBlockKeyIndex(this.db);
  }

  /** Person ids in order, a page after `after` (for rebuilding every golden record). */
  async personIdsAfter(after: string | null, limit: number): Promise<string[]> {
    let query = this.db.selectFrom('person_links').select('person_id').distinct().orderBy('person_id').limit(limit);
    if (after !== null) query = query.where('person_id', '>', after);
    return (await query.execute()).map((r) => r.person_id);
  }

  async writeGolden(g: GoldenWrite): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await dropGoldenParts(trx, [...g.persons.map((p) => p.person_id), ...g.remove]);
      await this.writeGoldenIn(trx, g, await linkedRecordsOf(trx, g.persons.map((p) => p.person_id)));
    });
  }

  /**
   * Rebuilds a page of persons in one transaction: it first deletes their conflicts and views (on
   * SQLite that takes the write lock, so nothing read below can change before the write), reads
   * their linked records once, lets `build` compute the golden records from them, and writes the
   * persons, conflicts, codes and the views from the same rows. Reading the records for the golden
   * record and again for the view cost ~17 s of a 308k-person first resolution. `build` must return
   * every id of the page, in `persons` or in `remove`; a page it leaves a person out of is not written.
   */
  async rebuildGoldenPage(personIds: readonly string[], known: ReadonlyMap<string, LoadedInput> | undefined, build: GoldenBuilder): Promise<GoldenWrite> {
    return this.db.transaction().execute(async (trx) => {
      await dropGoldenParts(trx, personIds);
      const linked = await linkedRecordsOf(trx, personIds);
      const kinds = new Map((await trx.selectFrom('sources').select(['source', 'kind']).execute()).map((s) => [s.source, s.kind]));
      const records: { loaded: LoadedInput; personId: string }[] = [];
      for (const [personId, list] of linked) for (const loaded of inputsOfLinkedRecords(list, kinds, known)) records.push({ loaded, personId });
      const g = build(records, await conflictResolutionsOf(trx, personIds));
      // Their conflicts and views are deleted above: a person the build leaves out would lose them.
      const accounted = new Set([...g.persons.map((p) => p.person_id), ...g.remove]);
      const missing = personIds.filter((id) => !accounted.has(id));
      if (missing.length > 0) throw new Error(`golden page left out ${missing.length} of its persons (first: ${missing[0]})`);
      await this.writeGoldenIn(trx, g, linked);
      return g;
    });
  }

  /** Writes a golden page whose conflicts and views are deleted, the views from `linked` (read in the same transaction). */
  private async writeGoldenIn(trx: ResolutionDb, g: GoldenWrite, linked: ReadonlyMap<string, readonly LinkedRecord[]>): Promise<void> {
    for (let i = 0; i < g.remove.length; i += 500) await trx.deleteFrom('persons').where('person_id', 'in', g.remove.slice(i, i + 500)).execute();
    // Rebuilt persons keep their rows, their search indexes touched only where a value changed.
    await writePersonRows(trx, g.persons);
    await bulkInsert(trx, 'person_conflicts', g.conflicts);
    const at = g.persons[0]?.updated_at ?? '';
    await insertPersonViews(trx, linked, g.persons.map((p) => p.person_id), at);
    const codes = (g.codes ?? []).map((c) => ({ person_id: c.personId, code_id: c.codeId, epoch: 1, revoked_at: null, updated_at: at }));
    await bulkInsert(trx.withTables<AccessTables>(), 'service_codes', codes, { onConflict: { columns: ['person_id'] } });
  }

  /** Fills the read model for persons who have none, once per store and stored form (see `fillPersonViews`). */
  fillPersonViews(progress?: (filled: number) => void): Promise<number> {
    return fillPersonViews(this.db, progress);
  }

  /** Reviewers' choices among conflicting values, by person. */
  conflictResolutions(personIds: readonly string[]): Promise<Map<string, ConflictResolution[]>> {
    return conflictResolutionsOf(this.db, personIds);
  }

  async saveConflictResolution(personId: string, field: string, value: string, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('conflict_resolutions')
      .values({ person_id: personId, field, value, decided_by: by, decided_at: at })
      .onConflict((oc) => oc.columns(['person_id', 'field']).doUpdateSet({ value, decided_by: by, decided_at: at }))
      .execute();
  }

  /** Open pairs, most probable first; with `sources`, only pairs one of whose records comes from one of them. */
  async openReviews(limit: number, sources: readonly string[] | null = null): Promise<ReviewRow[]> {
    if (sources?.length === 0) return [];
    let query = this.db.selectFrom('review_queue').selectAll().where('status', '=', 'open');
    if (sources !== null) {
      // A record key begins with its source and \u0001: a range per source, exact (no LIKE wildcards such as `_`).
      query = query.where((eb) =>
        eb.or(sources.flatMap((s) => (['record_a', 'record_b'] as const).map((side) => eb.and([eb(side, '>=', `${s}\u0001`), eb(side, '<', `${s}\u0002`)])))),
      );
    }
    const rows = await query.orderBy('probability', 'desc').limit(limit).execute();
    return rows.map((r) => ({ a: r.record_a, b: r.record_b, probability: Number(r.probability), score: Number(r.score), levels: r.levels, status: r.status, createdAt: r.created_at }));
  }

  async decideReview(decision: ReviewDecision, by: string, at: string): Promise<void> {
    const status = decision.same ? 'same' : 'not_same';
    const [a, b] = decision.a < decision.b ? [decision.a, decision.b] : [decision.b, decision.a];
    const existing = await this.db.selectFrom('review_queue').select('record_a').where('record_a', 'in', [a, b]).where('record_b', 'in', [a, b]).executeTakeFirst();
    if (existing === undefined) {
      await this.db.insertInto('review_queue').values({ record_a: a, record_b: b, probability: 0, score: 0, levels: '{}', status, created_at: at, decided_by: by, decided_at: at }).execute();
    } else {
      await this.db.updateTable('review_queue').set({ status, decided_by: by, decided_at: at }).where('record_a', 'in', [a, b]).where('record_b', 'in', [a, b]).execute();
    }
  }

  /** `source,record_id,role,person_id` for every linked record role, in key order. */
  async *streamLinks(): AsyncIterable<[string, string, string, string]> {
    let after: { source: string; recordId: string; role: string } | null = null;
    for (;;) {
      let query = this.db.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id']).orderBy('source').orderBy('record_id').orderBy('role').limit(pageRows);
      if (after !== null) {
        const a = after;
        query = query.where((eb) => eb(eb.refTuple('source', 'record_id', 'role'), '>', eb.tuple(a.source, a.recordId, a.role)));
      }
      const rows = await query.execute();
      for (const r of rows) yield [r.source, r.record_id, r.role, r.person_id];
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageRows) return;
      after = { source: last.source, recordId: last.record_id, role: last.role };
    }
  }

  /** Golden records in person id order; `where` narrows them (e.g. to the unregistered). */
  async *streamPersons(filter: 'all' | 'unregistered' = 'all'): AsyncIterable<Selectable<PersonsTable> & { code_id: string | null }> {
    let after: string | null = null;
    for (;;) {
      let query = this.db
        .withTables<AccessTables>()
        .selectFrom('persons')
        .leftJoin('service_codes', 'service_codes.person_id', 'persons.person_id')
        .selectAll('persons')
        .select('service_codes.code_id')
        .orderBy('persons.person_id')
        .limit(pageRows);
      if (filter === 'unregistered') query = query.where('evidence', 'is not', null);
      if (after !== null) query = query.where('persons.person_id', '>', after);
      const rows = await query.execute();
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageRows) return;
      after = last.person_id;
    }
  }

  async *streamConflicts(): AsyncIterable<Selectable<PersonConflictsTable>> {
    let after: { personId: string; field: string } | null = null;
    for (;;) {
      let query = this.db.selectFrom('person_conflicts').selectAll().orderBy('person_id').orderBy('field').limit(pageRows);
      if (after !== null) {
        const a = after;
        query = query.where((eb) => eb(eb.refTuple('person_id', 'field'), '>', eb.tuple(a.personId, a.field)));
      }
      const rows = await query.execute();
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageRows) return;
      after = { personId: last.person_id, field: last.field };
    }
  }

  async counts(): Promise<{ persons: number; links: number; openReviews: number; conflicts: number; unregistered: number }> {
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }): Promise<number> => Number((await q.executeTakeFirstOrThrow()).n);
    const n = sql<string>`count(*)`.as('n');
    return {
      persons: await count(this.db.selectFrom('persons').select(n)),
      links: await count(this.db.selectFrom('person_links').select(n)),
      openReviews: await count(this.db.selectFrom('review_queue').select(n).where('status', '=', 'open')),
      conflicts: await count(this.db.selectFrom('person_conflicts').select(n)),
      unregistered: await count(this.db.selectFrom('persons').select(n).where('evidence', 'is not', null)),
    };
  }

  get kysely(): ResolutionDb {
    return this.db;
  }
}

/** What a golden rebuild makes of a page of persons from their current records (`rebuildGoldenPage`). */
export type GoldenBuilder = (records: readonly { loaded: LoadedInput; personId: string }[], resolutions: ReadonlyMap<string, ConflictResolution[]>) => GoldenWrite;

/** Deletes the conflicts and views of persons about to be written again. */
async function dropGoldenParts(trx: ResolutionDb, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await trx.deleteFrom('person_conflicts').where('person_id', 'in', chunk).execute();
  }
  await deletePersonViews(trx, ids);
}

/** Reviewers' choices among conflicting values, by person. */
async function conflictResolutionsOf(db: ResolutionDb, personIds: readonly string[]): Promise<Map<string, ConflictResolution[]>> {
  const out = new Map<string, ConflictResolution[]>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('conflict_resolutions').selectAll().where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const r of rows) {
      if (r.field !== 'name' && r.field !== 'id_number' && r.field !== 'sex' && r.field !== 'birth_date') continue;
      out.set(r.person_id, [...(out.get(r.person_id) ?? []), { field: r.field, value: r.value, decidedAt: r.decided_at }]);
    }
  }
  return out;
}
