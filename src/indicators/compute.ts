// Computing indicators from the store: one streamed pass over the persons for all definitions and
// periods, and the refresh that replaces the cache with the result after every ingest.

import type { NodeInfo, Store } from '../store/types.js';
import { builtinDefinitions } from './builtin.js';
import { savedCustomDefinitions, writeCache } from './cache.js';
import type { IndicatorDefinition } from './definition.js';
import { factsUsed } from './evaluate.js';
import { loadSourceRuns, streamPersonRows, type StreamOptions } from './load-rows.js';
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
  /** Persons counted so far, after each page (a pass over a 1M-person store takes a minute or more). */
  progress?: (persons: number) => void;
}

export interface RefreshSummary {
  computed_at: string;
  persons: number;
  rows: number;
  milliseconds: number;
}

/**
 * Recomputes every indicator (jurisdiction, each district with persons, now and the last 12 month
 * ends) and replaces the cache in one transaction: readers see the old figures or the new, never
 * a mix.
 */
export async function refreshIndicators(store: Store, node: Pick<NodeInfo, 'region'>, now: Date, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const { all, custom } = await activeDefinitions(store, options.custom);
  const computed = await computeIndicators(store, node.region, cachedPeriods(now), all, options.progress);
  const at = now.toISOString();
  const rows = await writeCache(store, all, custom, computed.values, at);
  return { computed_at: at, persons: computed.persons, rows, milliseconds: Math.round(performance.now() - started) };
}
