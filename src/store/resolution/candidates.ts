// A batch's candidates from the store: the persons its blocking keys reach, read whole, and the
// persons of each of its names, counted without reading them (what the engine counts namesakes by).

import { cappedRecordsByKey, recordsByKey, recordsUnderKeys } from './block-keys.js';
import type { LoadedInput, ResolutionDb } from './load-inputs.js';

/** The store's reads these build on (called through the store, so a benchmark's timing sees them). */
export interface PersonReads {
  personsOfRecords(keys: readonly string[]): Promise<Map<string, string>>;
  recordsOfPersons(personIds: readonly string[]): Promise<{ loaded: LoadedInput; personId: string }[]>;
  storedNamesakes(names: readonly string[], blockCap: number): Promise<Map<string, string[] | null>>;
}

/**
 * Records filed under any of the keys, with every record of their persons, as resolved before.
 * The name-only family (`w:`, a named record looking for door events of its name) brings only
 * persons that hold nothing but a name: the door events still waiting, the only ones such a
 * record can take (matching/name-only.ts). A person of named records that it alone reaches is not
 * a candidate, and its namesake count comes from the store (`storedNamesakes`). At 1M persons
 * those were ~1,800 of a 1,000-record batch's 9,521 candidate persons. Nor are the door events of
 * a name two or more stored persons are written with (or too many to count): no named record can
 * take them in (a 1M batch's ~3,000 of its ~4,300 candidate persons). The namesakes read for
 * that are put in `namesakes`, for the engine.
 */
export async function findKnown(reads: PersonReads, db: ResolutionDb, keys: readonly string[], blockCap: number, namesakes?: Map<string, string[] | null>): Promise<{ loaded: LoadedInput; personId: string }[]> {
  const byName = keys.filter((k) => k.startsWith('w:'));
  const others = byName.length === 0 ? keys : keys.filter((k) => !k.startsWith('w:'));
  const persons = new Set((await reads.personsOfRecords([...(await recordsUnderKeys(db, others, blockCap))])).values());
  if (byName.length > 0) for (const id of await waitingToTake(reads, db, byName, blockCap, persons, namesakes)) persons.add(id);
  // In person-id order (minting order on a node): the engine restores them in this order, which
  // then depends on neither the keys' order nor the plan the database chose.
  return reads.recordsOfPersons([...persons].sort());
}

/**
 * The persons found under the `w:` keys, not in `found`, that hold only door events a named record
 * of their name could take in. Names are counted first: the persons of a name held by two or more
 * stored persons are not looked up at all (at 1M persons most of a batch's door events are of such
 * names).
 */
async function waitingToTake(reads: PersonReads, db: ResolutionDb, byName: readonly string[], blockCap: number, found: ReadonlySet<string>, namesakes?: Map<string, string[] | null>): Promise<string[]> {
  const byKey = await recordsByKey(db, byName, blockCap);
  const names = [...byKey].filter(([, records]) => records !== null && records.length > 0).map(([key]) => key.slice(2));
  if (names.length === 0) return [];
  const stored = await reads.storedNamesakes(names, blockCap);
  const open: [string, string[]][] = [];
  for (const name of names) {
    const got = stored.get(name);
    const namesakesOf = got === undefined ? [] : got;
    namesakes?.set(name, namesakesOf);
    if (namesakesOf !== null && namesakesOf.length <= 1) open.push([name, byKey.get(`w:${name}`) ?? []]);
  }
  const personOf = await reads.personsOfRecords(open.flatMap(([, records]) => records));
  const waiting = new Set(await withOnlyAName(db, [...new Set(personOf.values())].filter((id) => !found.has(id))));
  const out = new Set<string>();
  for (const [, records] of open) {
    for (const record of records) {
      const person = personOf.get(record);
      if (person !== undefined && waiting.has(person)) out.add(person);
    }
  }
  return [...out];
}

/** Those of the persons whose golden record carries a name and nothing the matcher compares besides. */
async function withOnlyAName(db: ResolutionDb, personIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    // Filtered here, not in the query: given `residence_region is null`, SQLite walked the residence
    // index over every person without one (the door events of a city) instead of looking the ids up.
    const rows = await db
      .selectFrom('persons')
      .select(['person_id', 'id_number', 'birth_date', 'sex', 'phone', 'hukou_region', 'residence_region'])
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (r.id_number === null && r.birth_date === null && r.sex === null && r.phone === null && r.hukou_region === null && r.residence_region === null) out.push(r.person_id);
    }
  }
  return out;
}

/**
 * For each name, the persons holding a named record written exactly so (the records filed under
 * its `n:` key), or null when more than `blockCap` records are: what the engine counts namesakes
 * by (`Resolver.useStoredNamesakes`), without reading those persons.
 */
export async function storedNamesakes(reads: PersonReads, db: ResolutionDb, names: readonly string[], blockCap: number): Promise<Map<string, string[] | null>> {
  const byKey = await cappedRecordsByKey(db, names.map((n) => `n:${n}`), blockCap);
  const personOf = await reads.personsOfRecords([...byKey.values()].flatMap((records) => records ?? []));
  const out = new Map<string, string[] | null>();
  for (const name of names) {
    const records = byKey.get(`n:${name}`);
    if (records === null) out.set(name, null);
    else out.set(name, [...new Set((records ?? []).flatMap((k) => personOf.get(k) ?? []))]);
  }
  return out;
}
