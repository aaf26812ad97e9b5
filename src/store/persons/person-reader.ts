// Reads of persons for the API: search by the indexed columns of the golden records, and one
// person with every source record behind them. Scope (a grid worker's region) is applied in the
// query itself, so a person outside it is never loaded, not merely hidden afterwards.

import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordPersonsTable, RecordsTable } from '../schema.js';
import type { ResolutionTables, PersonsTable } from '../resolution/tables.js';

export type PersonRow = Selectable<PersonsTable>;

export type SearchColumn = 'person_id' | 'id_number' | 'phone' | 'name' | 'name_key' | 'name_prefix';

export interface SourceRecordRow {
  source: string;
  kind: string;
  department: string | null;
  recordId: string;
  role: string;
  observedAt: string | null;
  facts: string;
  relations: string;
  /** Every role of the record, so relations can name the other party. */
  persons: Selectable<RecordPersonsTable>[];
}

type ReadDb = Kysely<Database & ResolutionTables>;

export class PersonReader {
  private readonly db: ReadDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ResolutionTables>();
  }

  /**
   * Persons whose `column` equals one of `values`, within `regionPrefix` of residence when given
   * (a region code's significant prefix: 4403 for a city, 440305 for a district).
   */
  async find(column: SearchColumn, values: readonly string[], regionPrefix: string | null, limit: number): Promise<PersonRow[]> {
    if (values.length === 0) return [];
    let query = this.db.selectFrom('persons').selectAll();
    if (column === 'name_prefix') {
      // A range, not LIKE, so both engines use the name index (LIKE is case-folding on SQLite).
      const prefix = values[0] ?? '';
      query = query.where('name', '>=', prefix).where('name', '<', `${prefix}\uffff`);
    } else query = query.where(column, 'in', values.slice(0, 50));
    if (regionPrefix !== null) query = query.where('residence_region', 'like', `${regionPrefix}%`);
    return query.orderBy('person_id').limit(limit).execute();
  }

  async person(personId: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('persons').selectAll().where('person_id', '=', personId).executeTakeFirst();
  }

  /** The source records linked to a person, each with all its roles and its source's kind. */
  async sourceRecords(personId: string): Promise<SourceRecordRow[]> {
    const links = await this.db.selectFrom('person_links').select(['source', 'record_id', 'role']).where('person_id', '=', personId).orderBy('source').orderBy('record_id').limit(1000).execute();
    if (links.length === 0) return [];
    const sources = new Map((await this.db.selectFrom('sources').select(['source', 'kind', 'department']).where('source', 'in', [...new Set(links.map((l) => l.source))]).execute()).map((s) => [s.source, s]));
    const out: SourceRecordRow[] = [];
    const bySource = new Map<string, string[]>();
    for (const l of links) bySource.set(l.source, [...(bySource.get(l.source) ?? []), l.record_id]);
    const records = new Map<string, Selectable<RecordsTable>>();
    const roles = new Map<string, Selectable<RecordPersonsTable>[]>();
    for (const [source, ids] of bySource) {
      for (const r of await this.db.selectFrom('records').selectAll().where('source', '=', source).where('record_id', 'in', ids).execute()) records.set(`${source}\u0001${r.record_id}`, r);
      for (const p of await this.db.selectFrom('record_persons').selectAll().where('source', '=', source).where('record_id', 'in', ids).orderBy('role').execute()) {
        const key = `${source}\u0001${p.record_id}`;
        roles.set(key, [...(roles.get(key) ?? []), p]);
      }
    }
    for (const l of links) {
      const key = `${l.source}\u0001${l.record_id}`;
      const record = records.get(key);
      if (record === undefined) continue;
      const source = sources.get(l.source);
      out.push({
        source: l.source,
        kind: source?.kind ?? '',
        department: source?.department ?? null,
        recordId: l.record_id,
        role: l.role,
        observedAt: record.observed_at,
        facts: record.facts,
        relations: record.relations,
        persons: roles.get(key) ?? [],
      });
    }
    return out;
  }

  /** The persons linked to the given record roles (for naming relatives). */
  async personsOfRoles(refs: readonly { source: string; recordId: string; role: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const ref of refs) {
      const row = await this.db.selectFrom('person_links').select('person_id').where('source', '=', ref.source).where('record_id', '=', ref.recordId).where('role', '=', ref.role).executeTakeFirst();
      if (row !== undefined) out.set(`${ref.source}\u0001${ref.recordId}\u0001${ref.role}`, row.person_id);
    }
    return out;
  }

  /** Quarantined rows of one source (first `limit`) and the count per reason. */
  async quarantineOf(source: string, limit: number): Promise<{ rows: { file: string; line: number; record_id: string | null; reason: string }[]; byReason: Record<string, number> }> {
    const rows = await this.db.selectFrom('quarantine').select(['file_name', 'line', 'record_id', 'reason']).where('source', '=', source).orderBy('file_name').orderBy('line').limit(limit).execute();
    const counts = await this.db.selectFrom('quarantine').select(['reason', (eb) => eb.fn.countAll<string>().as('n')]).where('source', '=', source).groupBy('reason').execute();
    return {
      rows: rows.map((r) => ({ file: r.file_name, line: Number(r.line), record_id: r.record_id, reason: r.reason })),
      byReason: Object.fromEntries(counts.map((c) => [c.reason, Number(c.n)])),
    };
  }

  /** Persons with open conflicts, within a residence-region prefix. */
  async conflicts(regionPrefix: string | null, limit: number): Promise<{ person: PersonRow; field: string; values: string; sources: string }[]> {
    let query = this.db
      .selectFrom('person_conflicts as c')
      .innerJoin('persons as p', 'p.person_id', 'c.person_id')
      .selectAll('p')
      .select(['c.field as c_field', 'c.values as c_values', 'c.sources as c_sources'])
      .orderBy('c.person_id')
      .orderBy('c.field')
      .limit(limit);
    if (regionPrefix !== null) query = query.where('p.residence_region', 'like', `${regionPrefix}%`);
    const rows = await query.execute();
    return rows.map(({ c_field, c_values, c_sources, ...person }) => ({ person: person, field: c_field, values: c_values, sources: c_sources }));
  }

  /** Floating persons with evidence and no residence registration, with the grid that last saw them. */
  async unregistered(regionPrefix: string | null, limit: number): Promise<{ person: PersonRow; gridId: string | null }[]> {
    let query = this.db.selectFrom('persons').selectAll().where('evidence', 'is not', null).orderBy('residence_region').orderBy('person_id').limit(limit);
    if (regionPrefix !== null) query = query.where('residence_region', 'like', `${regionPrefix}%`);
    const persons = await query.execute();
    const grids = new Map<string, string>();
    const gridSources = (await this.db.selectFrom('sources').select('source').where('kind', '=', 'grid_collection').execute()).map((s) => s.source);
    if (gridSources.length > 0) {
      for (let i = 0; i < persons.length; i += 500) {
        const ids = persons.slice(i, i + 500).map((p) => p.person_id);
        const rows = await this.db
          .selectFrom('person_links as l')
          .innerJoin('records as r', (j) => j.onRef('r.source', '=', 'l.source').onRef('r.record_id', '=', 'l.record_id'))
          .select(['l.person_id', 'r.facts'])
          .where('l.person_id', 'in', ids)
          .where('l.source', 'in', gridSources)
          .execute();
        for (const r of rows) {
          try {
            const facts = JSON.parse(r.facts) as Record<string, { value?: string | null; raw?: string }>;
            const grid = facts.grid_id?.value ?? facts.grid_id?.raw;
            if (typeof grid === 'string' && grid !== '') grids.set(r.person_id, grid);
          } catch {
            // A record whose facts do not parse names no grid.
          }
        }
      }
    }
    return persons.map((p) => ({ person: p, gridId: grids.get(p.person_id) ?? null }));
  }
}
