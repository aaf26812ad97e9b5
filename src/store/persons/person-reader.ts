// Reads of persons for the API: search by the indexed columns of the golden records, and one
// person with every source record behind them. Scope (a grid worker's region, an officer's
// department's sources) is applied in the query itself, so a person outside it is never loaded,
// not merely hidden afterwards.

import type { Compilable, CompiledQuery, ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { scopeIsEmpty, type PersonScope } from '../../access/policy.js';
import type { Database } from '../schema.js';
import { factTexts } from '../../standard/person-codec.js';
import type { ResolutionTables, PersonsTable } from '../resolution/tables.js';
import type { AccessTables } from '../access/tables.js';
import { decodeLinkedRecords, groupLinkedRecords, linkedRecordRows, maxRecordRows, type LinkedRecord, type LinkedRecordRow } from './person-records.js';

export type PersonRow = Selectable<PersonsTable>;

/** A search hit: the indexed columns of a golden record, without the record itself. */
export type PersonSearchRow = Pick<PersonRow, 'person_id' | 'name' | 'id_number' | 'sex' | 'birth_date' | 'phone' | 'residence_region' | 'floating' | 'sources'>;
const searchColumns = ['person_id', 'name', 'id_number', 'sex', 'birth_date', 'phone', 'residence_region', 'floating', 'sources'] as const;

export type SearchColumn = 'person_id' | 'id_number' | 'phone' | 'name' | 'name_key' | 'name_prefix';

/** A record behind a person as the view shows it: a linked record with its source's kind and department. */
export interface SourceRecordRow extends LinkedRecord {
  kind: string;
  department: string | null;
  /** The person each role of the record is linked to. */
  personOfRole: Map<string, string>;
}

type ReadDb = Kysely<Database & ResolutionTables>;

/**
 * The condition a person row (`persons as p`) meets to lie within a scope's sources: one of its
 * records comes from one, or it is on the unregistered list and the scope takes that list in.
 */
function withinSources(scope: PersonScope & { sources: readonly string[] }) {
  return (eb: ExpressionBuilder<Database & ResolutionTables & { p: PersonsTable }, 'p'>) => {
    const linked = eb.exists(eb.selectFrom('person_links as l').select('l.person_id').whereRef('l.person_id', '=', 'p.person_id').where('l.source', 'in', [...scope.sources]));
    return scope.unregistered ? eb.or([linked, eb('p.evidence', 'is not', null)]) : linked;
  };
}

const SENTINEL = '\u0000person\u0000';

/**
 * A query of the hot read path compiled once: each call binds the person id where the sentinel
 * stood, skipping Kysely's per-call query building and compiling (about a third of a person view).
 */
class PersonQuery<R> {
  private readonly compiled: CompiledQuery<R>;
  constructor(
    private readonly db: ReadDb,
    build: (personId: string) => Compilable<R>,
  ) {
    this.compiled = build(SENTINEL).compile();
  }

  async run(personId: string): Promise<R[]> {
    const parameters = this.compiled.parameters.map((p) => (p === SENTINEL ? personId : p));
    return (await this.db.executeQuery<R>({ ...this.compiled, parameters })).rows;
  }
}

export class PersonReader {
  private readonly db: ReadDb;
  private readonly personQuery: PersonQuery<PersonRow & { code_id: string | null }>;
  private readonly viewQuery: PersonQuery<PersonRow & { code_id: string | null; view_records: string | null }>;
  private readonly recordsQuery: PersonQuery<LinkedRecordRow>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ResolutionTables>();
    // The service code and the read model come by scalar subqueries, not joins: with joins SQLite
    // read the golden record (on overflow pages) again after each joined table (measured on a 1M
    // store, warm: 0.075–0.106 ms for the three-way join, 0.032 ms with subqueries).
    const access = this.db.withTables<AccessTables>();
    const persons = () => access.selectFrom('persons as p').selectAll('p');
    this.personQuery = new PersonQuery(this.db, (id) =>
      persons()
        .select((eb) => eb.selectFrom('service_codes as c').select('c.code_id').whereRef('c.person_id', '=', 'p.person_id').as('code_id'))
        .where('p.person_id', '=', id),
    );
    this.viewQuery = new PersonQuery(this.db, (id) =>
      persons()
        .select((eb) => [
          eb.selectFrom('service_codes as c').select('c.code_id').whereRef('c.person_id', '=', 'p.person_id').as('code_id'),
          eb.selectFrom('person_views as v').select('v.records').whereRef('v.person_id', '=', 'p.person_id').as('view_records'),
        ])
        .where('p.person_id', '=', id),
    );
    this.recordsQuery = new PersonQuery(this.db, (id) => linkedRecordRows(this.db).where('l.person_id', '=', id).limit(maxRecordRows));
  }

  /**
   * Persons whose `column` equals one of `values`, within the scope: a residence-region prefix (a
   * region code's significant prefix: 4403 for a city, 440305 for a district) and sources.
   */
  async find(column: SearchColumn, values: readonly string[], scope: PersonScope, limit: number): Promise<PersonSearchRow[]> {
    if (values.length === 0 || scopeIsEmpty(scope)) return [];
    // The columns of a search hit only: the golden record's JSON stays in the table.
    let query = this.db.selectFrom('persons as p').select(searchColumns.map((c) => `p.${c}` as const));
    if (column === 'name_prefix') {
      // A range, not LIKE, so both engines use the name index (LIKE is case-folding on SQLite).
      const prefix = values[0] ?? '';
      query = query.where('p.name', '>=', prefix).where('p.name', '<', `${prefix}\uffff`).orderBy('p.name');
    } else query = query.where(`p.${column}`, 'in', values.slice(0, 50));
    if (scope.region !== null) query = query.where('p.residence_region', 'like', `${scope.region}%`);
    if (scope.sources !== null) query = query.where(withinSources({ ...scope, sources: scope.sources }));
    // Index order (column, person_id): the first page is read without sorting every match.
    return query.orderBy('p.person_id').limit(limit).execute();
  }

  async person(personId: string): Promise<PersonRow | undefined> {
    const found = (await this.personQuery.run(personId))[0];
    if (found === undefined) return undefined;
    const { code_id: _code, ...row } = found;
    return row;
  }

  /** The person and the id of their service code, if one was issued, in one read. */
  async personWithCode(personId: string): Promise<{ row: PersonRow; codeId: string | null } | undefined> {
    const found = (await this.personQuery.run(personId))[0];
    if (found === undefined) return undefined;
    const { code_id: codeId, ...row } = found;
    return { row, codeId };
  }

  /**
   * Everything a person view shows, in one read when the read model holds the person: the golden
   * record, the service code id and the source records. A person the read model does not hold (not
   * rebuilt since a record of theirs changed) is read from the tables, with the same result.
   */
  async personForView(personId: string): Promise<{ row: PersonRow; codeId: string | null; records: SourceRecordRow[] } | undefined> {
    const found = (await this.viewQuery.run(personId))[0];
    if (found === undefined) return undefined;
    const { code_id: codeId, view_records: stored, ...row } = found;
    const linked = (stored === null ? undefined : decodeLinkedRecords(stored)) ?? (await this.recordsFromTables(personId));
    return { row, codeId, records: await this.withSources(linked) };
  }

  /**
   * The source records linked to a person, each with all its roles (and the person each role is
   * linked to) and its source's kind, from the read model or else the tables.
   */
  async sourceRecords(personId: string): Promise<SourceRecordRow[]> {
    const stored = await this.db.selectFrom('person_views').select('records').where('person_id', '=', personId).executeTakeFirst();
    const linked = (stored === undefined ? undefined : decodeLinkedRecords(stored.records)) ?? (await this.recordsFromTables(personId));
    return this.withSources(linked);
  }

  /** A person's records read from the tables themselves (one joined query), not from the read model. */
  async recordsFromTables(personId: string): Promise<LinkedRecord[]> {
    return groupLinkedRecords(await this.recordsQuery.run(personId)).get(personId) ?? [];
  }

  private async withSources(linked: readonly LinkedRecord[]): Promise<SourceRecordRow[]> {
    const sources = await this.sources();
    return linked.map((r) => {
      const source = sources.get(r.source);
      const personOfRole = new Map<string, string>();
      for (const p of r.persons) if (p.personId !== null) personOfRole.set(p.role, p.personId);
      return { ...r, kind: source?.kind ?? '', department: source?.department ?? null, personOfRole };
    });
  }

  /**
   * Sources' kinds and departments, kept for a few seconds (a small table read on every view and
   * every officer's request; a source added or moved to another department counts within 5 s).
   */
  private sourceCache: { at: number; map: Map<string, { kind: string; department: string | null }> } | undefined;
  async sources(): Promise<ReadonlyMap<string, { kind: string; department: string | null }>> {
    const now = Date.now();
    if (this.sourceCache === undefined || now - this.sourceCache.at > 5000) {
      const rows = await this.db.selectFrom('sources').select(['source', 'kind', 'department']).execute();
      this.sourceCache = { at: now, map: new Map(rows.map((r) => [r.source, { kind: r.kind, department: r.department }])) };
    }
    return this.sourceCache.map;
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

  /** Persons with open conflicts, within the scope. */
  async conflicts(scope: PersonScope, limit: number): Promise<{ person: PersonRow; field: string; values: string; sources: string }[]> {
    if (scopeIsEmpty(scope)) return [];
    let query = this.db
      .selectFrom('person_conflicts as c')
      .innerJoin('persons as p', 'p.person_id', 'c.person_id')
      .selectAll('p')
      .select(['c.field as c_field', 'c.values as c_values', 'c.sources as c_sources'])
      .orderBy('c.person_id')
      .orderBy('c.field')
      .limit(limit);
    if (scope.region !== null) query = query.where('p.residence_region', 'like', `${scope.region}%`);
    if (scope.sources !== null) query = query.where(withinSources({ ...scope, sources: scope.sources }));
    const rows = await query.execute();
    return rows.map(({ c_field, c_values, c_sources, ...person }) => ({ person: person, field: c_field, values: c_values, sources: c_sources }));
  }

  /** Floating persons with evidence and no residence registration, with the grid that last saw them. */
  async unregistered(scope: PersonScope, limit: number): Promise<{ person: PersonRow; gridId: string | null }[]> {
    if (scopeIsEmpty(scope)) return [];
    let query = this.db.selectFrom('persons as p').selectAll('p').where('p.evidence', 'is not', null).orderBy('p.residence_region').orderBy('p.person_id').limit(limit);
    if (scope.region !== null) query = query.where('p.residence_region', 'like', `${scope.region}%`);
    if (scope.sources !== null) query = query.where(withinSources({ ...scope, sources: scope.sources }));
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
          // A record whose facts do not parse names no grid.
          const grid = factTexts(r.facts).grid_id;
          if (grid !== undefined && grid !== '') grids.set(r.person_id, grid);
        }
      }
    }
    return persons.map((p) => ({ person: p, gridId: grids.get(p.person_id) ?? null }));
  }
}
