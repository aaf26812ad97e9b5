// What a resolution reads of the persons already resolved: the person each record is linked to, and
// every current record of given persons as matching inputs (a batch's candidates, the records of
// the persons a golden rebuild writes), from the persons' views where they have one.

import { decodeLinkedRecords } from '../persons/person-records.js';
import { inputsOfLinkedRecords, loadInputs, splitRecordKey, type LoadedInput, type RecordRef, type ResolutionDb } from './load-inputs.js';

/** The person of each given record key that is linked. */
export async function personsOfRecords(db: ResolutionDb, keys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const idsBySource = new Map<string, Set<string>>();
  for (const key of keys) {
    const { source, recordId } = splitRecordKey(key);
    const ids = idsBySource.get(source);
    if (ids === undefined) idsBySource.set(source, new Set([recordId]));
    else ids.add(recordId);
  }
  const wanted = new Set(keys);
  for (const [source, set] of idsBySource) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('person_links').select(['record_id', 'role', 'person_id']).where('source', '=', source).where('record_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) {
        const key = `${source}\u0001${r.record_id}\u0001${r.role}`;
        if (wanted.has(key)) out.set(key, r.person_id);
      }
    }
  }
  return out;
}

/**
 * Every current record of the given persons (stale versions left out: they are resolved again).
 * `known`: inputs this run has loaded already, by key; one whose version is the linked one is
 * taken from there instead of being read again. Read from the persons' views where they have one
 * (a row per person instead of a lookup per record in two tables and the links), else from the
 * tables. A view is current whenever it exists: whatever relinks or re-versions a record drops the
 * views of the persons on it, and of the persons it is linked to.
 */
export async function recordsOfPersons(db: ResolutionDb, personIds: readonly string[], known?: ReadonlyMap<string, LoadedInput>): Promise<{ loaded: LoadedInput; personId: string }[]> {
  const out: { loaded: LoadedInput; personId: string }[] = [];
  const missing: string[] = [];
  let kinds: Map<string, string> | undefined;
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const views = new Map((await db.selectFrom('person_views').select(['person_id', 'records']).where('person_id', 'in', chunk).execute()).map((v) => [v.person_id, v.records]));
    for (const personId of chunk) {
      const text = views.get(personId);
      const records = text === undefined ? undefined : decodeLinkedRecords(text);
      if (records === undefined) {
        missing.push(personId);
        continue;
      }
      kinds ??= new Map((await db.selectFrom('sources').select(['source', 'kind']).execute()).map((s) => [s.source, s.kind]));
      for (const loaded of inputsOfLinkedRecords(records, kinds, known)) out.push({ loaded, personId });
    }
  }
  if (missing.length > 0) out.push(...(await recordsOfPersonsFromTables(db, missing, known)));
  return out;
}

/** `recordsOfPersons` from the tables alone (persons without a view). */
export async function recordsOfPersonsFromTables(db: ResolutionDb, personIds: readonly string[], known?: ReadonlyMap<string, LoadedInput>): Promise<{ loaded: LoadedInput; personId: string }[]> {
  const links: { source: string; record_id: string; role: string; person_id: string; content_hash: string }[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    links.push(...(await db.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id', 'content_hash']).where('person_id', 'in', personIds.slice(i, i + 500)).execute()));
  }
  const out: { loaded: LoadedInput; personId: string }[] = [];
  const personOf = new Map<string, (typeof links)[number]>();
  const refs = new Map<string, RecordRef>();
  for (const l of links) {
    const key = `${l.source}\u0001${l.record_id}\u0001${l.role}`;
    const cached = known?.get(key);
    if (cached !== undefined && cached.contentHash === l.content_hash) {
      out.push({ loaded: cached, personId: l.person_id });
      continue;
    }
    personOf.set(key, l);
    refs.set(`${l.source}\u0001${l.record_id}`, { source: l.source, recordId: l.record_id });
  }
  if (refs.size === 0) return out;
  for (const item of await loadInputs(db, [...refs.values()])) {
    const link = personOf.get(item.input.key);
    if (link !== undefined && link.content_hash === item.contentHash) out.push({ loaded: item, personId: link.person_id });
  }
  return out;
}

