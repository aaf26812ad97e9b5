// Builds the per-person fact table from the store, a page of persons at a time, reading only the
// columns the indicators need (never the golden record's JSON): persons for status, residence and
// identity; person_links joined to records and record_persons for kinds, dates, the facts the
// definitions use and the recorded birth date and sex. Written once with Kysely for both dialects.

import { sql } from 'kysely';
import { deriveIdInfo, isValidIdNumber, isWithinRegion, listCounties } from '../identity/index.js';
import { parseMapping } from '../standard/mapping.js';
import { factTexts } from '../standard/person-codec.js';
import type { Store } from '../store/types.js';
import { beijingDay } from './periods.js';
import type { PersonRow, RecordRow } from './person-row.js';
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

interface SourceFacts {
  kindOf: Map<string, string>;
  /** Sources whose mapping names a fact the definitions use: only their facts are read. */
  withFacts: string[];
}

async function sourceFacts(store: Store, wanted: ReadonlySet<string>): Promise<SourceFacts> {
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

async function linksOf(store: Store, first: string, last: string, withFacts: readonly string[]): Promise<LinkRow[]> {
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
      // A record of several roles (a child and a guardian) is counted once, with its first linked role.
      sql<number>`case when exists (select 1 from person_links pl2 where pl2.source = pl.source and pl2.record_id = pl.record_id and pl2.role < pl.role) then 0 else 1 end`.as('first_role'),
    ])
    .where('pl.person_id', '>=', first)
    .where('pl.person_id', '<=', last)
    .execute();
}

/**
 * Person rows, a page at a time, in person id order. `wanted`: the fact names the definitions use.
 * A link whose record or role no longer exists is skipped.
 */
export async function* streamPersonRows(store: Store, jurisdiction: string, wanted: ReadonlySet<string>): AsyncGenerator<PersonRow[]> {
  const { kindOf, withFacts } = await sourceFacts(store, wanted);
  const districts = new Map<string, string | null>();
  let after: string | null = null;
  for (;;) {
    let query = store.resolution.kysely
      .selectFrom('persons')
      .select(['person_id', 'residence_region', 'floating', 'id_number', 'birth_date', 'conflict_count'])
      .orderBy('person_id')
      .limit(pageSize);
    if (after !== null) query = query.where('person_id', '>', after);
    const persons = await query.execute();
    const first = persons[0];
    const last = persons.at(-1);
    if (first === undefined || last === undefined) return;
    const byPerson = new Map<string, LinkRow[]>();
    for (const link of await linksOf(store, first.person_id, last.person_id, withFacts)) {
      const list = byPerson.get(link.person_id);
      if (list === undefined) byPerson.set(link.person_id, [link]);
      else list.push(link);
    }
    const rows: PersonRow[] = [];
    for (const p of persons) {
      const links = byPerson.get(p.person_id) ?? [];
      const validId = p.id_number !== null && isValidIdNumber(p.id_number);
      const fromId = validId ? deriveIdInfo(p.id_number!) : null;
      let agrees = fromId !== null;
      const records: RecordRow[] = links.map((l) => {
        if (fromId !== null && ((l.sex !== null && l.sex !== fromId.sex) || (l.birth_date !== null && l.birth_date !== fromId.birthDate))) agrees = false;
        const counted = Number(l.first_role) === 1;
        return {
          source: l.source,
          kind: kindOf.get(l.source) ?? '',
          date: beijingDay(l.observed_at ?? l.ingested_at),
          facts: pickFacts(l.facts, wanted),
          hasEmployer: Number(l.employer) === 1,
          valuesTotal: counted ? Number(l.values_total) : 0,
          valuesStandard: counted ? Number(l.values_standard) : 0,
        };
      });
      rows.push({
        personId: p.person_id,
        district: districtOf(p.residence_region, jurisdiction, districts),
        hukouOutside: p.floating === 'floating',
        hasGolden: true,
        hasServiceCode: validId,
        identityConsistent: agrees,
        openConflicts: Number(p.conflict_count),
        birthDate: p.birth_date,
        records,
      });
    }
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
