// Writing golden records' rows (`persons`). A person that already has a row keeps it and is updated
// in place, setting a searchable column only when its value changed: both engines rewrite an index
// entry whenever its column is set, and a person's name, pinyin key, id number, phone and residence
// rarely change when a batch brings one more of their records. At 300k persons a 1,000-record
// batch that deleted and re-inserted its ~970 persons wrote ~2,600 pages (20 MiB) into those five
// indexes alone, of the 40.5 MiB the whole batch committed (measured from the WAL's frames).

import type { CompiledQuery, Insertable, Updateable } from 'kysely';
import type { ResolutionDb } from './load-inputs.js';
import { bulkInsert } from '../bulk-insert.js';
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

/** A parameter that stands for a column's value until a person's is bound in its place. */
const slot = (column: string): string => `\u0000persons.${column}\u0000`;

function compileUpdate(trx: ResolutionDb, columns: readonly string[]): CompiledQuery {
  const changes = Object.fromEntries(columns.map((column) => [column, slot(column)])) as Updateable<PersonsTable>;
  return trx.updateTable('persons').set(changes).where('person_id', '=', slot('person_id')).compile();
}

/** Inserts the persons that have no row yet and updates the others in place. */
export async function writePersonRows(trx: ResolutionDb, persons: readonly Insertable<PersonsTable>[]): Promise<void> {
  const stored = new Map<string, Pick<PersonsTable, IndexedColumn>>();
  for (let i = 0; i < persons.length; i += idsPerQuery) {
    const ids = persons.slice(i, i + idsPerQuery).map((p) => p.person_id);
    for (const row of await trx.selectFrom('persons').select(['person_id', ...indexedColumns]).where('person_id', 'in', ids).execute()) stored.set(row.person_id, row);
  }
  const fresh: Insertable<PersonsTable>[] = [];
  // One update statement per set of changed columns, built once and bound per person: building and
  // compiling it through the query builder for each of a batch's ~1,000 persons cost more than running it.
  const updates = new Map<string, CompiledQuery>();
  for (const person of persons) {
    const old = stored.get(person.person_id);
    if (old === undefined) {
      fresh.push(person);
      continue;
    }
    const columns = valueColumns.filter((column) => !isIndexed(column) || old[column] !== (person[column] ?? null));
    const signature = columns.join();
    let update = updates.get(signature);
    if (update === undefined) {
      update = compileUpdate(trx, columns);
      updates.set(signature, update);
    }
    const values = new Map<string, unknown>(columns.map((column) => [slot(column), person[column] ?? null]));
    values.set(slot('person_id'), person.person_id);
    await trx.executeQuery({ ...update, parameters: update.parameters.map((p) => (typeof p === 'string' && values.has(p) ? values.get(p) : p)) });
  }
  await bulkInsert(trx, 'persons', fresh, { maxRows: rowsPerInsert });
}
