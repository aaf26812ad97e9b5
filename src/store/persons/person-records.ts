// The source records behind persons, as the person view shows them: each record a person is linked
// to, with every role of that record (so a relation can name the other party). Read from the tables
// by one joined query, or from the read model (`person_views`), which keeps exactly what that query
// returns for each person. Both sides use the functions here, so they cannot drift apart.
//
// What keeps a stored row true (the writers in store/resolution and the ingest paths): a golden
// rebuild rewrites it; a record re-versioned by ingest, or any role of a record relinked by
// resolution or review, drops the rows of every person linked to that record (so the person a
// guardian's role points to is never stale in the child's row).

import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordPersonsTable } from '../schema.js';
import type { ResolutionTables } from '../resolution/tables.js';

type ReadDb = Kysely<Database & ResolutionTables>;

/** What the view needs of each role of a record, and the person that role is linked to. */
export type RecordRole = Pick<Selectable<RecordPersonsTable>, 'role' | 'name' | 'fields' | 'sex' | 'birth_date'> & { personId: string | null };

/** One record as linked to one person (in one of its roles), without its source's kind. */
export interface LinkedRecord {
  source: string;
  recordId: string;
  /** The role the person holds in the record. */
  role: string;
  observedAt: string | null;
  /** When the record's version was ingested; with the value counts below, what the indicators read. */
  ingestedAt: string;
  valuesTotal: number;
  valuesStandard: number;
  /** The stored version of the record, and the version the person was linked to (older while a
   *  re-ingested record waits for its resolution). */
  contentHash: string;
  linkedHash: string;
  facts: string;
  relations: string;
  /** Every role of the record. */
  persons: RecordRole[];
}

/** At most this many rows (record roles) are read for one person: a person of more is an error case. */
export const maxRecordRows = 5000;

/** Every role of every record linked to the persons the caller selects with a `where` on `l.person_id`. */
export function linkedRecordRows(db: ReadDb) {
  return db
    .selectFrom('person_links as l')
    .innerJoin('records as r', (j) => j.onRef('r.source', '=', 'l.source').onRef('r.record_id', '=', 'l.record_id'))
    .innerJoin('record_persons as rp', (j) => j.onRef('rp.source', '=', 'l.source').onRef('rp.record_id', '=', 'l.record_id'))
    .leftJoin('person_links as o', (j) => j.onRef('o.source', '=', 'rp.source').onRef('o.record_id', '=', 'rp.record_id').onRef('o.role', '=', 'rp.role'))
    .select(['l.person_id', 'l.source', 'l.record_id', 'l.role as linked_role', 'r.observed_at', 'r.ingested_at', 'r.values_total', 'r.values_standard', 'r.content_hash', 'l.content_hash as linked_hash', 'r.facts', 'r.relations', 'rp.role', 'rp.name', 'rp.fields', 'rp.sex', 'rp.birth_date', 'o.person_id as role_person_id']);
}

export interface LinkedRecordRow {
  person_id: string;
  source: string;
  record_id: string;
  linked_role: string;
  observed_at: string | null;
  ingested_at: string;
  values_total: number | string;
  values_standard: number | string;
  content_hash: string;
  linked_hash: string;
  facts: string;
  relations: string;
  role: string;
  name: string | null;
  fields: string;
  sex: string | null;
  birth_date: string | null;
  role_person_id: string | null;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows grouped into records per person, in (source, record, role) order: the order of the view. */
export function groupLinkedRecords(rows: readonly LinkedRecordRow[]): Map<string, LinkedRecord[]> {
  const sorted = [...rows].sort(
    (a, b) => compare(a.person_id, b.person_id) || compare(a.source, b.source) || compare(a.record_id, b.record_id) || compare(a.linked_role, b.linked_role) || compare(a.role, b.role),
  );
  const out = new Map<string, LinkedRecord[]>();
  let current: LinkedRecord | undefined;
  let currentPerson: string | undefined;
  for (const row of sorted) {
    if (current === undefined || currentPerson !== row.person_id || current.source !== row.source || current.recordId !== row.record_id || current.role !== row.linked_role) {
      current = { source: row.source, recordId: row.record_id, role: row.linked_role, observedAt: row.observed_at, ingestedAt: row.ingested_at, valuesTotal: Number(row.values_total), valuesStandard: Number(row.values_standard), contentHash: row.content_hash, linkedHash: row.linked_hash, facts: row.facts, relations: row.relations, persons: [] };
      currentPerson = row.person_id;
      const list = out.get(row.person_id);
      if (list === undefined) out.set(row.person_id, [current]);
      else list.push(current);
    }
    current.persons.push({ role: row.role, name: row.name, fields: row.fields, sex: row.sex, birth_date: row.birth_date, personId: row.role_person_id });
  }
  return out;
}

/**
 * The stored form's version: a row of another version is not read (the tables are), and a fill
 * rewrites it. 2: records carry their versions, so a resolution can take its candidates from here.
 * 3: records carry when they were ingested and their value counts, and roles their sex and birth
 * date, so the row's indicator summary (`person_views.tally`) is written from the same read.
 */
export const linkedRecordsFormat = 3;

export function encodeLinkedRecords(records: readonly LinkedRecord[]): string {
  return JSON.stringify({ v: linkedRecordsFormat, records });
}

/** The stored records of a person, or undefined when the text is not what `encodeLinkedRecords` writes now. */
export function decodeLinkedRecords(text: string): LinkedRecord[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, records } = parsed as { v?: unknown; records?: unknown };
  if (v !== linkedRecordsFormat || !Array.isArray(records)) return undefined;
  for (const r of records as unknown[]) {
    if (typeof r !== 'object' || r === null) return undefined;
    const rec = r as Record<string, unknown>;
    if (typeof rec.source !== 'string' || typeof rec.recordId !== 'string' || typeof rec.role !== 'string' || typeof rec.ingestedAt !== 'string' || typeof rec.valuesTotal !== 'number' || typeof rec.valuesStandard !== 'number' || typeof rec.contentHash !== 'string' || typeof rec.linkedHash !== 'string' || typeof rec.facts !== 'string' || typeof rec.relations !== 'string' || !Array.isArray(rec.persons)) return undefined;
  }
  return records as LinkedRecord[];
}
