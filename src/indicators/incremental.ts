// The saved tally behind the indicator cache, so that a refresh after a small batch counts only the
// persons it changed: the store notes each changed person as the tally counted them
// (`indicator_dirty`, store/resolution/indicator-dirty.ts); a refresh takes those rows away, adds
// the persons as they are now, and saves the tally again. It carries on only from a tally of the
// same jurisdiction, definitions and periods (the current period moves with the Beijing day, so
// the first refresh of a day counts everyone) whose sources are still of the same kinds, and only
// from one that read every person from their summary (a person read from the tables is noted
// without their records). Anything the store cannot follow person by person (a re-versioned
// record, a rewrite of every view) drops the saved tally. Refreshes and resolutions of one store
// run one after another (the command line and the server each run them in sequence): a full pass
// that a resolution overlaps is not saved, and a refresh carried on must not overlap one.

import { sql, type Kysely } from 'kysely';
import { indicatorStateKey } from '../store/resolution/indicator-dirty.js';
import type { ResolutionTables } from '../store/resolution/tables.js';
import type { Database } from '../store/schema.js';
import type { IndicatorDefinition } from './definition.js';
import { personRowOf, type SourceFacts } from './load-rows.js';
import type { Period, PersonRow } from './person-row.js';
import { decodeTally } from './record-tally.js';
import type { TallyState } from './tally.js';

type StateDb = Kysely<Database & ResolutionTables>;

interface SavedTally {
  key: string;
  /** Each source the tally has seen: its kind, and whether its facts were read. */
  sources: [string, string, boolean][];
  tally: TallyState;
}

/**
 * The version of the counting itself (evaluate.ts, person-row.ts, tally.ts, load-rows.ts, the
 * working-day calendar): moved with any change to how a person is counted, so that a tally saved
 * by an earlier build is not carried on from.
 */
const countingVersion = 1;

/** What a saved tally is valid for, sources apart: two refreshes with the same key count the same cells. */
export function tallyKey(jurisdiction: string, periods: readonly Period[], definitions: readonly IndicatorDefinition[]): string {
  return JSON.stringify({ v: countingVersion, jurisdiction, periods: periods.map((p) => [p.key, p.from, p.to, p.asOf]), definitions });
}

function sourcesOf(facts: SourceFacts): [string, string, boolean][] {
  const withFacts = new Set(facts.withFacts);
  return [...facts.kindOf].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([source, kind]) => [source, kind, withFacts.has(source)]);
}

/**
 * The saved tally, when it is valid for `key` and every source it has seen is read as it was then.
 * A source registered since is no obstacle: its records are new, and their persons noted.
 */
export async function loadSavedTally(db: StateDb, key: string, facts: SourceFacts): Promise<TallyState | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', indicatorStateKey).executeTakeFirst();
  if (row === undefined) return undefined;
  let saved: SavedTally;
  try {
    saved = JSON.parse(row.value) as SavedTally;
  } catch {
    return undefined;
  }
  if (saved.key !== key || !Array.isArray(saved.sources)) return undefined;
  const now = new Map(sourcesOf(facts).map(([source, kind, withFacts]) => [source, `${kind}\u0000${withFacts}`]));
  for (const [source, kind, withFacts] of saved.sources) if (now.get(source) !== `${kind}\u0000${withFacts}`) return undefined;
  return saved.tally;
}

/** Saves the tally, or drops the saved one when `tally` is undefined. */
export async function saveTally(db: StateDb, key: string, facts: SourceFacts | undefined, tally: TallyState | undefined): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', indicatorStateKey).execute();
  if (tally === undefined) return;
  const saved: SavedTally = { key, sources: facts === undefined ? [] : sourcesOf(facts), tally };
  await db.insertInto('meta').values({ key: indicatorStateKey, value: JSON.stringify(saved) }).execute();
}

/** Marks a full pass under way: changes made meanwhile are noted, and the pass then does not save its tally. */
export async function beginFullPass(db: StateDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('indicator_dirty').execute();
    await saveTally(trx, '', undefined, { persons: 0, districts: [], cells: [] });
  });
}

/** Noted persons read a page at a time. */
const notedPageSize = 5000;

/**
 * The persons noted since the saved tally, a page at a time in id order: their rows as counted then
 * (absent for persons new since), their ids, and how many of them could not be read as counted.
 */
export async function* notedPages(db: StateDb, jurisdiction: string, facts: SourceFacts, wanted: ReadonlySet<string>): AsyncGenerator<{ ids: string[]; counted: PersonRow[]; unreadable: number }> {
  const districts = new Map<string, string | null>();
  const factSources = new Set(facts.withFacts);
  let after: string | null = null;
  for (;;) {
    let query = db.selectFrom('indicator_dirty').selectAll().orderBy('person_id').limit(notedPageSize);
    if (after !== null) query = query.where('person_id', '>', after);
    const rows = await query.execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    const counted: PersonRow[] = [];
    let unreadable = 0;
    for (const r of rows) {
      if (Number(r.existed) !== 1) continue;
      const records = decodeTally(r.tally, facts.kindOf, wanted, factSources);
      if (records === undefined) unreadable += 1;
      else counted.push(personRowOf(r, records, jurisdiction, districts));
    }
    yield { ids: rows.map((r) => r.person_id), counted, unreadable };
    if (rows.length < notedPageSize) return;
    after = last.person_id;
  }
}

/** Deletes the noted persons a refresh has counted. */
export async function clearNoted(db: StateDb, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('indicator_dirty').where('person_id', 'in', ids.slice(i, i + 500)).execute();
}

/** How many persons are noted. */
export async function countNoted(db: StateDb): Promise<number> {
  return Number((await db.selectFrom('indicator_dirty').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Whether anything was noted (a resolution ran alongside a full pass). */
export async function anythingNoted(db: StateDb): Promise<boolean> {
  return (await db.selectFrom('indicator_dirty').select('person_id').limit(1).executeTakeFirst()) !== undefined;
}
