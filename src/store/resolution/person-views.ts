// Writing the person view's read model (`person_views`, migration 0010; the stored form and the
// query it is built from are in ../persons/person-records.ts), and beside each view the summary
// the indicators read (`person_tallies`, migration 0015), written and dropped with it.
// ResolutionStore calls these in its own transactions: a golden rebuild writes the rows of the
// persons it writes, a relink drops the rows of everyone on the relinked records, and a fill
// brings an older store up to date.

import { encodeTally } from '../../indicators/record-tally.js';
import { forgetIndicatorState, markIndicatorRows } from './indicator-dirty.js';
import type { ResolutionDb } from './load-inputs.js';
import { bulkInsert } from '../bulk-insert.js';
import { encodeLinkedRecords, groupLinkedRecords, linkedRecordRows, linkedRecordsFormat, type LinkedRecord } from '../persons/person-records.js';

/** Values per statement stay well under both engines' bind limits. */
const rowsPerInsert = 5000;

/** The linked records of the given persons, as their views hold them (persons with none are absent). */
export async function linkedRecordsOf(db: ResolutionDb, personIds: readonly string[]): Promise<Map<string, LinkedRecord[]>> {
  const rows = [];
  for (let i = 0; i < personIds.length; i += 500) rows.push(...(await linkedRecordRows(db).where('l.person_id', 'in', personIds.slice(i, i + 500)).execute()));
  return groupLinkedRecords(rows);
}

/** Writes the read model of the given persons from their linked records, read by the caller in the same transaction. */
export async function insertPersonViews(trx: ResolutionDb, linked: ReadonlyMap<string, readonly LinkedRecord[]>, personIds: readonly string[], at: string): Promise<void> {
  const rows = [];
  const tallies = [];
  for (const personId of new Set(personIds)) {
    const records = linked.get(personId);
    if (records === undefined) continue;
    rows.push({ person_id: personId, records: encodeLinkedRecords(records), built_at: at });
    tallies.push({ person_id: personId, tally: encodeTally(records) });
  }
  await bulkInsert(trx, 'person_views', rows, { maxRows: rowsPerInsert });
  await bulkInsert(trx, 'person_tallies', tallies, { maxRows: rowsPerInsert });
}

/** Deletes the views and summaries of the given persons (noting first what the saved indicator tally counted for them). */
export async function deletePersonViews(trx: ResolutionDb, personIds: readonly string[]): Promise<void> {
  await markIndicatorRows(trx, personIds);
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    await trx.deleteFrom('person_views').where('person_id', 'in', chunk).execute();
    await trx.deleteFrom('person_tallies').where('person_id', 'in', chunk).execute();
  }
}

/** Writes the read model of the given persons (whose rows, if any, the caller has deleted). */
export async function writePersonViews(trx: ResolutionDb, personIds: readonly string[], at: string): Promise<void> {
  if (personIds.length === 0) return;
  await insertPersonViews(trx, await linkedRecordsOf(trx, personIds), personIds, at);
}

/**
 * Drops the read model of every person linked to one of the records (their records change), and of
 * `persons` (who are about to be linked to them); returns those persons.
 */
export async function dropViewsOfRecords(trx: ResolutionDb, records: readonly { source: string; recordId: string }[], persons: readonly string[] = []): Promise<string[]> {
  // A store's first resolution has no views until its golden records are written: nothing to drop.
  if ((await trx.selectFrom('person_views').select('person_id').limit(1).executeTakeFirst()) === undefined) return [];
  const bySource = new Map<string, Set<string>>();
  for (const r of records) {
    const ids = bySource.get(r.source) ?? new Set<string>();
    ids.add(r.recordId);
    bySource.set(r.source, ids);
  }
  const dropped = new Set<string>(persons);
  for (const [source, set] of bySource) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 500) {
      const persons = await trx.selectFrom('person_links').select('person_id').distinct().where('source', '=', source).where('record_id', 'in', ids.slice(i, i + 500)).execute();
      for (const p of persons) dropped.add(p.person_id);
    }
  }
  const list = [...dropped];
  await deletePersonViews(trx, list);
  return list;
}

/** Writes the person views of the given persons again, from the tables (persons with no record get none). */
export async function refreshPersonViews(db: ResolutionDb, personIds: readonly string[]): Promise<void> {
  const ids = [...new Set(personIds)];
  const at = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      await deletePersonViews(trx, chunk);
      await writePersonViews(trx, chunk, at);
    });
  }
}

/**
 * Fills the read model for persons who have none (a store from before migration 0010, or one
 * copied in bulk), page by page, each in its own transaction, so an interrupted fill resumes. Done
 * once per store and stored form; a store whose rows are of an older form has them all rewritten.
 * Afterwards every golden rebuild keeps it.
 */
export async function fillPersonViews(db: ResolutionDb, progress?: (filled: number) => void): Promise<number> {
  const format = String(linkedRecordsFormat);
  const done = await db.selectFrom('meta').select('value').where('key', '=', 'person_views_format').executeTakeFirst();
  if (done?.value === format) return 0;
  if (done !== undefined) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_views').execute();
      await trx.deleteFrom('person_tallies').execute();
      await forgetIndicatorState(trx);
      await trx.deleteFrom('meta').where('key', '=', 'person_views_format').execute();
    });
  }
  let filled = 0;
  let after = '';
  for (;;) {
    const ids = await db
      .selectFrom('persons as p')
      .leftJoin('person_views as v', 'v.person_id', 'p.person_id')
      .select(['p.person_id', 'v.person_id as viewed'])
      .where('p.person_id', '>', after)
      .orderBy('p.person_id')
      .limit(2000)
      .execute();
    const last = ids.at(-1);
    if (last === undefined) break;
    after = last.person_id;
    const missing = ids.filter((r) => r.viewed === null).map((r) => r.person_id);
    if (missing.length === 0) continue;
    const at = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      // A summary may outlive its view (a view dropped by hand): the pair is written afresh.
      await deletePersonViews(trx, missing);
      for (let i = 0; i < missing.length; i += 500) await writePersonViews(trx, missing.slice(i, i + 500), at);
    });
    filled += missing.length;
    progress?.(filled);
  }
  await db.insertInto('meta').values({ key: 'person_views_format', value: format }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return filled;
}
