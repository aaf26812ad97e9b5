// Builds the per-person fact table from the store, a page of persons at a time, reading only the
// columns the indicators need (never the golden record's JSON): persons for status, residence and
// identity; each person's records from the summary kept with their view (`person_tallies`,
// record-tally.ts), read in the same person-id order; for a person without one (a store not yet
// resolved since migration 0015, a view dropped and not yet written again), person_links joined
// to records and record_persons for kinds, dates, the facts the definitions use and the recorded
// birth date and sex. Written once with Kysely for both dialects.

import { sql } from 'kysely';
import { deriveIdInfo, isValidIdNumber, isWithinRegion, listCounties } from '../identity/index.js';
import { parseMapping } from '../standard/mapping.js';
import { factTexts } from '../standard/person-codec.js';
import type { Store } from '../store/types.js';
import { beijingDay } from './periods.js';
import type { PersonRow } from './person-row.js';
import { decodeTally, type TalliedRecord } from './record-tally.js';
import type { SourceRun } from './tally.js';

const pageSize = 5000;

/** The county-level district a residence code stands for, inside the jurisdiction; else null. */
export function districtOf(region: string | null, jurisdiction: string, memo = new Map<string, string | null>()): string | null {
  if (region === null) return null;
  const known = memo.get(region);
  if (known !== undefined) return known;
  let district: string | null = null;
  if (isWithinRegion(region, jurisdiction)) {
    if (region.slice(4) !== '00') district = region;
    // A prefecture without counties (东莞 441900) is its own county level.
    else if (region.slice(2, 4) !== '00' && listCounties(region).join() === region) district = region;
  }
  memo.set(region, district);
  return district;
}

export interface SourceFacts {
  kindOf: Map<string, string>;
  /** Sources whose mapping names a fact the definitions use: only their facts are read. */
  withFacts: string[];
}

export async function sourceFacts(store: Store, wanted: ReadonlySet<string>): Promise<SourceFacts> {
  const rows = await store.resolution.kysely.selectFrom('sources').select(['source', 'kind', 'mapping']).execute();
  const kindOf = new Map(rows.map((r) => [r.source, r.kind]));
  const withFacts: string[] = [];
  for (const r of rows) {
    let facts: string[];
    try {
      facts = Object.keys(parseMapping(JSON.parse(r.mapping), r.source).facts);
    } catch {
      // A mapping stored by an older version that no longer validates: read all its facts.
      withFacts.push(r.source);
      continue;
    }
    if (facts.some((f) => wanted.has(f))) withFacts.push(r.source);
  }
  return { kindOf, withFacts };
}

function pickFacts(json: string | null, wanted: ReadonlySet<string>): Record<string, string> {
  if (json === null) return {};
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(factTexts(json))) if (wanted.has(name)) out[name] = text;
  return out;
}

interface LinkRow {
  person_id: string;
  source: string;
  observed_at: string | null;
  ingested_at: string;
  values_total: number | string;
  values_standard: number | string;
  sex: string | null;
  birth_date: string | null;
  facts: string | null;
  employer: number | string;
  first_role: number | string;
}

/** Links of the persons in [first, last], or of `only` among them, in the order the views keep their records. */
async function linksOf(store: Store, first: string, last: string, withFacts: readonly string[], only?: readonly string[]): Promise<LinkRow[]> {
  const facts = withFacts.length === 0 ? sql<string | null>`null` : sql<string | null>`case when pl.source in (${sql.join(withFacts)}) then r.facts else null end`;
  return store.resolution.kysely
    .selectFrom('person_links as pl')
    .innerJoin('records as r', (j) => j.onRef('r.source', '=', 'pl.source').onRef('r.record_id', '=', 'pl.record_id'))
    .innerJoin('record_persons as rp', (j) => j.onRef('rp.source', '=', 'pl.source').onRef('rp.record_id', '=', 'pl.record_id').onRef('rp.role', '=', 'pl.role'))
    .select([
      'pl.person_id', 'pl.source', 'r.observed_at', 'r.ingested_at', 'r.values_total', 'r.values_standard', 'rp.sex', 'rp.birth_date',
      facts.as('facts'),
      // The packed person names each field it holds (standard/person-codec): cheaper than decoding it.
      sql<number>`case when rp.fields like ${'%"employer_name":%'} then 1 else 0 end`.as('employer'),
      // A record of several roles (a child and a guardian) is counted once, with its first linked
      // role among those it has now (a link to a role a later version dropped does not count).
      sql<number>`case when exists (select 1 from person_links pl2 inner join record_persons rp2 on rp2.source = pl2.source and rp2.record_id = pl2.record_id and rp2.role = pl2.role where pl2.source = pl.source and pl2.record_id = pl.record_id and pl2.role < pl.role) then 0 else 1 end`.as('first_role'),
    ])
    .where('pl.person_id', '>=', first)
    .where('pl.person_id', '<=', last)
    .$if(only !== undefined, (q) => q.where('pl.person_id', 'in', only!))
    .orderBy('pl.person_id')
    .orderBy('pl.source')
    .orderBy('pl.record_id')
    .orderBy('pl.role')
    .execute();
}

function talliedOfLink(l: LinkRow, kindOf: ReadonlyMap<string, string>, wanted: ReadonlySet<string>): TalliedRecord {
  const counted = Number(l.first_role) === 1;
  return {
    source: l.source,
    kind: kindOf.get(l.source) ?? '',
    date: beijingDay(l.observed_at ?? l.ingested_at),
    facts: pickFacts(l.facts, wanted),
    hasEmployer: Number(l.employer) === 1,
    valuesTotal: counted ? Number(l.values_total) : 0,
    valuesStandard: counted ? Number(l.values_standard) : 0,
    sex: l.sex,
    birthDate: l.birth_date,
  };
}

/** Persons a fallback reads by id list rather than by range, at most: beyond it, the range. */
const byIdLimit = 500;

/** The records of each person of a page: from their summaries, else from the tables. */
async function recordsOfPage(store: Store, ids: readonly string[], facts: SourceFacts, wanted: ReadonlySet<string>, summaries: boolean, scattered: boolean, stats?: { fromTables: number }): Promise<Map<string, TalliedRecord[]>> {
  const first = ids[0]!;
  const last = ids.at(-1)!;
  const out = new Map<string, TalliedRecord[]>();
  const factSources = new Set(facts.withFacts);
  const tallies = store.resolution.kysely.selectFrom('person_tallies').select(['person_id', 'tally']);
  // A page of consecutive persons is read by range; persons picked here and there, by id.
  const views = !summaries ? [] : scattered ? await tallies.where('person_id', 'in', ids).execute() : await tallies.where('person_id', '>=', first).where('person_id', '<=', last).execute();
  for (const v of views) {
    const records = decodeTally(v.tally, facts.kindOf, wanted, factSources);
    if (records !== undefined) out.set(v.person_id, records);
  }
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  if (stats !== undefined) stats.fromTables += missing.length;
  const wantedIds = new Set(missing);
  for (const link of await linksOf(store, first, last, facts.withFacts, missing.length > byIdLimit ? undefined : missing)) {
    if (!wantedIds.has(link.person_id)) continue;
    const list = out.get(link.person_id);
    const record = talliedOfLink(link, facts.kindOf, wanted);
    if (list === undefined) out.set(link.person_id, [record]);
    else list.push(record);
  }
  return out;
}

export interface StreamOptions {
  /** Read the stored summaries (default); false reads every person from the tables (the benchmark's baseline). */
  summaries?: boolean;
  /** Counts the persons read from the tables for want of a summary. */
  stats?: { fromTables: number };
}

/** The columns of a person the indicators read (from `persons`, or as noted in `indicator_dirty`). */
export interface PersonColumns {
  person_id: string;
  residence_region: string | null;
  floating: string | null;
  id_number: string | null;
  birth_date: string | null;
  conflict_count: number | string | null;
}

/** A person's row from their columns and records. `districts`: a memo of districtOf. */
export function personRowOf(p: PersonColumns, tallied: readonly TalliedRecord[], jurisdiction: string, districts: Map<string, string | null>): PersonRow {
  const validId = p.id_number !== null && isValidIdNumber(p.id_number);
  const fromId = validId ? deriveIdInfo(p.id_number!) : null;
  let agrees = fromId !== null;
  const records = tallied.map(({ sex, birthDate, ...record }) => {
    if (fromId !== null && ((sex !== null && sex !== fromId.sex) || (birthDate !== null && birthDate !== fromId.birthDate))) agrees = false;
    return record;
  });
  return {
    personId: p.person_id,
    district: districtOf(p.residence_region, jurisdiction, districts),
    hukouOutside: p.floating === 'floating',
    hasGolden: true,
    hasServiceCode: validId,
    identityConsistent: agrees,
    openConflicts: Number(p.conflict_count ?? 0),
    birthDate: p.birth_date,
    records,
  };
}

const personColumns = ['person_id', 'residence_region', 'floating', 'id_number', 'birth_date', 'conflict_count'] as const;

/** The rows of the given persons as they are now (persons that no longer exist are left out), in id order. */
export async function personRowsByIds(store: Store, ids: readonly string[], jurisdiction: string, facts: SourceFacts, wanted: ReadonlySet<string>, stats?: { fromTables: number }): Promise<PersonRow[]> {
  const sorted = [...new Set(ids)].sort();
  const districts = new Map<string, string | null>();
  const rows: PersonRow[] = [];
  for (let i = 0; i < sorted.length; i += byIdLimit) {
    const persons = await store.resolution.kysely.selectFrom('persons').select(personColumns).where('person_id', 'in', sorted.slice(i, i + byIdLimit)).orderBy('person_id').execute();
    if (persons.length === 0) continue;
    const byPerson = await recordsOfPage(store, persons.map((p) => p.person_id), facts, wanted, true, true, stats);
    for (const p of persons) rows.push(personRowOf(p, byPerson.get(p.person_id) ?? [], jurisdiction, districts));
  }
  return rows;
}

/**
 * Person rows, a page at a time, in person id order. `wanted`: the fact names the definitions use.
 * A link whose record or role no longer exists is skipped.
 */
export async function* streamPersonRows(store: Store, jurisdiction: string, wanted: ReadonlySet<string>, options: StreamOptions = {}): AsyncGenerator<PersonRow[]> {
  const facts = await sourceFacts(store, wanted);
  const districts = new Map<string, string | null>();
  let after: string | null = null;
  for (;;) {
    let query = store.resolution.kysely
      .selectFrom('persons')
      .select(personColumns)
      .orderBy('person_id')
      .limit(pageSize);
    if (after !== null) query = query.where('person_id', '>', after);
    const persons = await query.execute();
    const last = persons.at(-1);
    if (last === undefined) return;
    const byPerson = await recordsOfPage(store, persons.map((p) => p.person_id), facts, wanted, options.summaries ?? true, false, options.stats);
    const rows = persons.map((p) => personRowOf(p, byPerson.get(p.person_id) ?? [], jurisdiction, districts));
    yield rows;
    if (persons.length < pageSize) return;
    after = last.person_id;
  }
}

/** Every completed ingest run: when each source was last brought up to date. */
export async function loadSourceRuns(store: Store): Promise<SourceRun[]> {
  const rows = await store.resolution.kysely
    .selectFrom('ingest_runs')
    .select(['source', 'finished_at'])
    .where('status', '=', 'completed')
    .where('finished_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ source: r.source, finishedAt: r.finished_at ?? '' }));
}
