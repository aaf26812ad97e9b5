// Rebuilds matching inputs from stored records: every role of a record becomes a MatchInput, with
// the other roles its relations tie it to (the guardian of a child, a spouse).

import type { Kysely } from 'kysely';
import { matchKey, okFacts, type MatchInput, type RelatedPerson } from '../../matching/index.js';
import { decodeFacts, decodePerson } from '../../standard/person-codec.js';
import type { PersonRecord, RelationRecord } from '../../standard/record.js';
import type { LinkedRecord } from '../persons/person-records.js';
import type { Database } from '../schema.js';
import type { ResolutionTables } from './tables.js';

export type ResolutionDb = Kysely<Database & ResolutionTables>;

export interface RecordRef {
  source: string;
  recordId: string;
}

export interface LoadedInput {
  input: MatchInput;
  contentHash: string;
}

/** A record role's key, as the engine names it (`matchKey`). */
export const recordKey = matchKey;

export function splitRecordKey(key: string): { source: string; recordId: string; role: string } {
  const [source = '', recordId = '', role = ''] = key.split('\u0001');
  return { source, recordId, role };
}

function relatedOf(role: string, relations: readonly RelationRecord[], persons: ReadonlyMap<string, PersonRecord>): RelatedPerson[] {
  const related: RelatedPerson[] = [];
  for (const r of relations) {
    if (r.from === role) {
      const other = persons.get(r.to);
      if (other !== undefined) related.push({ type: r.type, direction: 'from', other });
    } else if (r.to === role) {
      const other = persons.get(r.from);
      if (other !== undefined) related.push({ type: r.type, direction: 'to', other });
    }
  }
  return related;
}

/** What a matching input takes from its stored record (relations and facts as stored). */
interface StoredParts {
  source: string;
  recordId: string;
  kind: string;
  observedAt: string | null;
  relations: string;
  facts: string;
}

/** The given roles of one stored record as matching inputs; `persons` holds every role of the record, for its relations. */
function inputsOfRecord(record: StoredParts, persons: ReadonlyMap<string, PersonRecord>, roles: Iterable<string>): MatchInput[] {
  const relations = JSON.parse(record.relations) as RelationRecord[];
  const facts = okFacts(decodeFacts(record.facts));
  const out: MatchInput[] = [];
  for (const role of roles) {
    const person = persons.get(role);
    if (person === undefined) continue;
    out.push({ key: recordKey(record.source, record.recordId, role), source: record.source, kind: record.kind, observedAt: record.observedAt, person, related: relatedOf(role, relations, persons), facts });
  }
  return out;
}

/** Loads every role of the given records as matching inputs (records that no longer exist are skipped). */
export async function loadInputs(db: ResolutionDb, refs: readonly RecordRef[]): Promise<LoadedInput[]> {
  const bySource = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = bySource.get(ref.source) ?? [];
    ids.push(ref.recordId);
    bySource.set(ref.source, ids);
  }
  const out: LoadedInput[] = [];
  for (const [source, ids] of bySource) {
    const kind = (await db.selectFrom('sources').select('kind').where('source', '=', source).executeTakeFirst())?.kind ?? '';
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const records = await db.selectFrom('records').select(['record_id', 'observed_at', 'relations', 'content_hash', 'facts']).where('source', '=', source).where('record_id', 'in', chunk).execute();
      const roles = await db.selectFrom('record_persons').select(['record_id', 'role', 'fields']).where('source', '=', source).where('record_id', 'in', chunk).orderBy('record_id').orderBy('role').execute();
      const rolesOf = new Map<string, Map<string, PersonRecord>>();
      for (const r of roles) {
        const persons = rolesOf.get(r.record_id) ?? new Map<string, PersonRecord>();
        persons.set(r.role, decodePerson(r.fields));
        rolesOf.set(r.record_id, persons);
      }
      for (const record of records) {
        const persons = rolesOf.get(record.record_id);
        if (persons === undefined) continue;
        const stored = { source, recordId: record.record_id, kind, observedAt: record.observed_at, relations: record.relations, facts: record.facts };
        for (const input of inputsOfRecord(stored, persons, persons.keys())) out.push({ contentHash: record.content_hash, input });
      }
    }
  }
  return out;
}

/**
 * Matching inputs from a person's stored view (person-records.ts): each record in the role the
 * person holds, with the record's other roles for its relations, as `loadInputs` builds them from
 * the tables. A record whose stored version is not the one the person was linked to is left out
 * (it is resolved again), and one this run has loaded already (`known`, same version) is reused.
 */
export function inputsOfLinkedRecords(records: readonly LinkedRecord[], kinds: ReadonlyMap<string, string>, known?: ReadonlyMap<string, LoadedInput>): LoadedInput[] {
  const out: LoadedInput[] = [];
  for (const record of records) {
    if (record.contentHash !== record.linkedHash) continue;
    const key = recordKey(record.source, record.recordId, record.role);
    const cached = known?.get(key);
    if (cached !== undefined && cached.contentHash === record.contentHash) {
      out.push(cached);
      continue;
    }
    const persons = new Map<string, PersonRecord>();
    for (const p of record.persons) persons.set(p.role, decodePerson(p.fields));
    const stored = { source: record.source, recordId: record.recordId, kind: kinds.get(record.source) ?? '', observedAt: record.observedAt, relations: record.relations, facts: record.facts };
    for (const input of inputsOfRecord(stored, persons, [record.role])) out.push({ contentHash: record.contentHash, input });
  }
  return out;
}
