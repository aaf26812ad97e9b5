// Computing indicators from the store: one streamed pass over the persons for all definitions and
// periods, and the refresh that replaces the cache with the result after every ingest.

import type { NodeInfo, Store } from '../store/types.js';
import { builtinDefinitions } from './builtin.js';
import { savedCustomDefinitions, writeCache } from './cache.js';
import type { IndicatorDefinition } from './definition.js';
import { factsUsed } from './evaluate.js';
import { countIndicatorChange, indicatorChanges } from '../store/resolution/indicator-dirty.js';
import { anythingNoted, beginFullPass, clearNoted, countNoted, loadSavedTally, notedPages, saveTally, tallyKey } from './incremental.js';
import { loadSourceRuns, personRowsByIds, sourceFacts, streamPersonRows, type StreamOptions } from './load-rows.js';
import { currentOf, trendPeriods } from './periods.js';
import type { Period } from './person-row.js';
import { IndicatorTally, type ComputedValue } from './tally.js';

export interface Computed {
  definitions: IndicatorDefinition[];
  values: ComputedValue[];
  persons: number;
}

/** The built-ins followed by the city's own (given, or else those the cache was last computed with). */
export async function activeDefinitions(store: Store, custom?: readonly IndicatorDefinition[]): Promise<{ all: IndicatorDefinition[]; custom: IndicatorDefinition[] }> {
  const own = custom === undefined ? await savedCustomDefinitions(store) : [...custom];
  return { all: [...builtinDefinitions, ...own], custom: own };
}

export async function computeIndicators(store: Store, jurisdiction: string, periods: readonly Period[], definitions: readonly IndicatorDefinition[], progress?: (persons: number) => void, stream?: StreamOptions): Promise<Computed> {
  const tally = new IndicatorTally(definitions, periods);
  for await (const page of streamPersonRows(store, jurisdiction, factsUsed(definitions), stream)) {
    for (const row of page) tally.add(row);
    progress?.(tally.persons);
  }
  return { definitions: [...definitions], values: tally.results(await loadSourceRuns(store)), persons: tally.persons };
}

/** Now, and a point at each of the last `months` month ends. */
export function cachedPeriods(now: Date, months = 12): Period[] {
  return [currentOf(now), ...trendPeriods(now, months)];
}

export interface RefreshOptions {
  /** The city's own definitions; kept for later refreshes. Default: those of the last refresh. */
  custom?: readonly IndicatorDefinition[];
  /**
   * Persons counted so far, after each page: every person in a full pass (half a minute at 1M
   * persons), the persons changed since the saved tally when carried on from it. Awaited.
   */
  progress?: (persons: number) => void | Promise<void>;
  /** Count every person even where the saved tally could be carried on from. */
  full?: boolean;
}

export interface RefreshSummary {
  computed_at: string;
  persons: number;
  rows: number;
  milliseconds: number;
  /** `incremental`: carried on from the saved tally, counting only the persons changed since. */
  mode: 'full' | 'incremental';
  /** Persons counted in this refresh: every person, or those changed since the saved tally. */
  counted: number;
}

/** Persons noted since the saved tally that are always counted by id, however small the store. */
const incrementalFloor = 10_000;

/**
 * Recomputes every indicator (jurisdiction, each district with persons, now and the last 12 month
 * ends) and replaces the cache in one transaction: readers see the old figures or the new, never
 * a mix. Where the saved tally allows (incremental.ts), only the persons changed since it are
 * counted again.
 */
export async function refreshIndicators(store: Store, node: Pick<NodeInfo, 'region'>, now: Date, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const db = store.resolution.kysely;
  const { all, custom } = await activeDefinitions(store, options.custom);
  const periods = cachedPeriods(now);
  const wanted = factsUsed(all);
  const facts = await sourceFacts(store, wanted);
  const key = tallyKey(node.region, periods, all);
  const saved = options.full === true ? undefined : await loadSavedTally(db, key, facts);
  const stats = { fromTables: 0 };
  let tally: IndicatorTally | undefined;
  let counted = 0;
  let noted: string[] = [];
  // Past a quarter of the persons (a large delivery), one pass over everyone costs less than
  // reading each noted person twice, by id.
  let changes = await indicatorChanges(db);
  if (saved !== undefined && (await countNoted(db)) <= Math.max(incrementalFloor, saved.persons / 4)) {
    tally = new IndicatorTally(all, periods, saved);
    // A page of noted persons at a time: what was counted taken away, the persons as they are now added.
    for await (const was of notedPages(db, node.region, facts, wanted)) {
      if (was.unreadable > 0) {
        tally = undefined;
        noted = [];
        break;
      }
      for (const row of was.counted) tally.add(row, -1);
      for (const row of await personRowsByIds(store, was.ids, node.region, facts, wanted, stats)) tally.add(row);
      noted.push(...was.ids);
      await options.progress?.(noted.length);
    }
    counted = noted.length;
  }
  const mode = tally === undefined ? 'full' : 'incremental';
  if (tally === undefined) {
    await beginFullPass(db);
    changes = await indicatorChanges(db);
    tally = new IndicatorTally(all, periods);
    for await (const page of streamPersonRows(store, node.region, wanted, { stats })) {
      for (const row of page) tally.add(row);
      await options.progress?.(tally.persons);
    }
    counted = tally.persons;
  }
  const at = now.toISOString();
  const final = tally;
  const rows = await writeCache(store, all, custom, final.results(await loadSourceRuns(store)), at, async (trx) => {
    // A tally with a person read from the tables is not carried on from; nor one that a change
    // overlapped (a person changed while counted, or noted again after being read as noted). The
    // count is moved here too, so on PostgreSQL a change not yet committed is waited for.
    const overlapped = (await countIndicatorChange(trx)) !== changes + 1;
    const carry = stats.fromTables === 0 && !overlapped && (mode === 'incremental' || !(await anythingNoted(trx)));
    await saveTally(trx, key, facts, carry ? final.state() : undefined);
    if (mode === 'incremental') await clearNoted(trx, noted);
    else await trx.deleteFrom('indicator_dirty').execute();
  });
  return { computed_at: at, persons: final.persons, rows, milliseconds: Math.round(performance.now() - started), mode, counted };
}
