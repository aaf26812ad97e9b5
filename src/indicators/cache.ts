// The indicator cache (migration 0005): written whole in one transaction after each refresh, read
// by the dashboard and the CLI. Beside it in `meta`: when it was computed and the city's own
// definitions it was computed with, so the refresh after the next ingest keeps them.

import type { Kysely, Selectable } from 'kysely';
import type { ResolutionTables } from '../store/resolution/tables.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import type { IndicatorDefinition } from './definition.js';
import { judge, roundValue, type IndicatorResult } from './result.js';
import type { ComputedValue } from './tally.js';

export interface IndicatorResultsTable {
  period: string;
  /** '' for the whole jurisdiction. */
  district: string;
  indicator_id: string;
  position: number;
  name_zh: string;
  name_en: string;
  unit: string;
  target_op: string;
  target_value: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number;
  met: number | null;
  computed_at: string;
}

type CacheDb = Kysely<Database & ResolutionTables & { indicator_results: IndicatorResultsTable }>;
export type CachedRow = Selectable<IndicatorResultsTable>;

const computedAtKey = 'indicators_computed_at';
const definitionsKey = 'indicator_definitions';
/** 14 columns a row: stays under SQLite's and PostgreSQL's bind-parameter limits. */
const rowsPerInsert = 2000;

function db(store: Store): CacheDb {
  return store.resolution.kysely.withTables<{ indicator_results: IndicatorResultsTable }>();
}

async function setMeta(trx: CacheDb, key: string, value: string): Promise<void> {
  await trx.deleteFrom('meta').where('key', '=', key).execute();
  await trx.insertInto('meta').values({ key, value }).execute();
}

/** `alongside`: more writes in the same transaction (the saved tally behind these values). */
export async function writeCache(store: Store, definitions: readonly IndicatorDefinition[], custom: readonly IndicatorDefinition[], values: readonly ComputedValue[], at: string, alongside?: (trx: Kysely<Database & ResolutionTables>) => Promise<void>): Promise<number> {
  const position = new Map(definitions.map((d, i) => [d.id, { d, i }]));
  const rows = values.map((v): IndicatorResultsTable => {
    const { d, i } = position.get(v.id)!;
    const met = judge(d, v.value);
    return {
      period: v.period,
      district: v.district ?? '',
      indicator_id: v.id,
      position: i,
      name_zh: d.name_zh,
      name_en: d.name_en,
      unit: d.unit,
      target_op: d.target.op,
      target_value: d.target.value,
      value: roundValue(v.value, d.unit),
      numerator: v.numerator,
      denominator: v.denominator,
      met: met === null ? null : met ? 1 : 0,
      computed_at: at,
    };
  });
  await db(store).transaction().execute(async (trx) => {
    await trx.deleteFrom('indicator_results').execute();
    for (let i = 0; i < rows.length; i += rowsPerInsert) await trx.insertInto('indicator_results').values(rows.slice(i, i + rowsPerInsert)).execute();
    await setMeta(trx, computedAtKey, at);
    await setMeta(trx, definitionsKey, JSON.stringify(custom));
    // The same transaction seen without the cache's table (Kysely's table maps are invariant).
    await alongside?.(trx as unknown as Kysely<Database & ResolutionTables>);
  });
  return rows.length;
}

export async function findComputedAt(store: Store): Promise<string | null> {
  const row = await db(store).selectFrom('meta').select('value').where('key', '=', computedAtKey).executeTakeFirst();
  return row?.value ?? null;
}

/** The city's own definitions the cache was last computed with (as validated then). */
export async function savedCustomDefinitions(store: Store): Promise<IndicatorDefinition[]> {
  const row = await db(store).selectFrom('meta').select('value').where('key', '=', definitionsKey).executeTakeFirst();
  return row === undefined ? [] : (JSON.parse(row.value) as IndicatorDefinition[]);
}

export interface CacheQuery {
  period?: string;
  /** '' for the jurisdiction; absent: the jurisdiction and every district. */
  district?: string;
  indicatorId?: string;
  /** Every district, the jurisdiction left out. */
  districtsOnly?: boolean;
}

export async function readCache(store: Store, q: CacheQuery): Promise<CachedRow[]> {
  let query = db(store).selectFrom('indicator_results').selectAll();
  if (q.period !== undefined) query = query.where('period', '=', q.period);
  if (q.district !== undefined) query = query.where('district', '=', q.district);
  if (q.districtsOnly === true) query = query.where('district', '<>', '');
  if (q.indicatorId !== undefined) query = query.where('indicator_id', '=', q.indicatorId);
  return query.orderBy('position').orderBy('district').orderBy('period').execute();
}

export function cachedResult(row: CachedRow): IndicatorResult {
  const value = row.value === null ? null : Number(row.value);
  return {
    id: row.indicator_id,
    name_zh: row.name_zh,
    name_en: row.name_en,
    district: row.district === '' ? null : row.district,
    value,
    numerator: row.numerator === null ? null : Number(row.numerator),
    denominator: Number(row.denominator),
    target: row.target_value === null ? null : Number(row.target_value),
    met: row.met === null ? null : Number(row.met) === 1,
  };
}
