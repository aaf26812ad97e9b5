// Writing golden records' rows (`persons`). A person that already has a row keeps it and is updated
// in place, setting a searchable column only when its value changed: both engines rewrite an index
// entry whenever its column is set, and a person's name, pinyin key, id number, phone and residence
// rarely change when a batch brings one more of their records. At 300k persons a 1,000-record
// batch that deleted and re-inserted its ~970 persons wrote ~2,600 pages (20 MiB) into those five
// indexes alone, of the 40.5 MiB the whole batch committed (measured from the WAL's frames).

import type { Insertable, Updateable } from 'kysely';
import type { ResolutionDb } from './load-inputs.js';
import type { PersonsTable } from './tables.js';

/** Columns of `persons` that a search index covers (migrations 0003, 0006, 0011). */
const indexedColumns = ['name', 'name_key', 'id_number', 'phone', 'residence_region'] as const;
type IndexedColumn = (typeof indexedColumns)[number];
const isIndexed = (column: string): column is IndexedColumn => (indexedColumns as readonly string[]).includes(column);

/** Every column but the key: a rewrite sets each (a value left out of a row is NULL, as an insert makes it). */
const valueColumns = Object.keys({
  name: true, name_key: true, id_number: true, sex: true, birth_date: true, phone: true, hukou_region: true, residence_region: true, floating: true,
  registered: true, evidence: true, sources: true, record_count: true, conflict_count: true, golden: true, updated_at: true,
} satisfies Record<Exclude<keyof PersonsTable, 'person_id'>, true>) as Exclude<keyof PersonsTable, 'person_id'>[];

/** Ids per lookup, and rows per insert, well under both engines' bind limits. */
const idsPerQuery = 500;
const rowsPerInsert = 1000;

/** Inserts the persons that have no row yet and updates the others in place. */
export async function writePersonRows(trx: ResolutionDb, persons: readonly Insertable<PersonsTable>[]): Promise<void> {
  const stored = new Map<string, Pick<PersonsTable, IndexedColumn>>();
  for (let i = 0; i < persons.length; i += idsPerQuery) {
    const ids = persons.slice(i, i + idsPerQuery).map((p) => p.person_id);
    for (const row of await trx.selectFrom('persons').select(['person_id', ...indexedColumns]).where('person_id', 'in', ids).execute()) stored.set(row.person_id, row);
  }
  const fresh: Insertable<PersonsTable>[] = [];
  for (const person of persons) {
    const old = stored.get(person.person_id);
    if (old === undefined) {
      fresh.push(person);
      continue;
    }
    const changes: Updateable<PersonsTable> = {};
    for (const column of valueColumns) {
      const value = person[column] ?? null;
      if (isIndexed(column) && old[column] === value) continue;
      (changes as Record<string, unknown>)[column] = value;
    }
    await trx.updateTable('persons').set(changes).where('person_id', '=', person.person_id).execute();
  }
  for (let i = 0; i < fresh.length; i += rowsPerInsert) await trx.insertInto('persons').values(fresh.slice(i, i + rowsPerInsert)).execute();
}
