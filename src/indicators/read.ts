// The readers behind `yima kpis` and GET /api/kpis, /api/kpis/districts, /api/kpis/trend. They
// read the cache: a few hundred rows, whatever the size of the store. Computed on the fly instead
// (the whole store streamed, seconds at a million persons) only when the cache is empty — before
// the first refresh — or when a date range is asked for, which the cache does not hold.

import { AppError } from '../errors.js';
import type { Store } from '../store/types.js';
import { cachedResult, findComputedAt, readCache, type CacheQuery } from './cache.js';
import { activeDefinitions, cachedPeriods, computeIndicators, type Computed } from './compute.js';
import { currentPeriod, rangeOf } from './periods.js';
import { toResult, type IndicatorDistricts, type IndicatorResult, type IndicatorTrend } from './result.js';

export interface ReadOptions {
  /** A county-level code; null or absent for the whole jurisdiction. */
  district?: string | null;
  /** ISO dates: persons with a record dated in [from, to], as known at `to`. Computed on the fly. */
  from?: string;
  to?: string;
  /** For on-the-fly computation (ages and freshness); default the clock. */
  now?: Date;
}

interface Entry {
  period: string;
  result: IndicatorResult;
}

function checkDistrict(district: string | null | undefined): string {
  if (district === undefined || district === null || district === '') return '';
  if (!/^\d{6}$/.test(district)) throw new AppError('bad_request', 'district 应为 6 位行政区划代码', 'district must be a 6-digit GB/T 2260 code');
  return district;
}

async function jurisdictionOf(store: Store): Promise<string> {
  const node = await store.findNode();
  if (node === undefined) throw new AppError('not_initialised', '节点尚未初始化', 'the node is not initialised');
  return node.region;
}

function entriesOf(computed: Computed): Entry[] {
  const byId = new Map(computed.definitions.map((d) => [d.id, d]));
  return computed.values.map((v) => ({ period: v.period, result: toResult(byId.get(v.id)!, v) }));
}

/** Entries matching `q`, from the cache, or computed now when the cache is empty. */
async function entries(store: Store, q: CacheQuery, now: Date): Promise<Entry[]> {
  if ((await findComputedAt(store)) !== null) return (await readCache(store, q)).map((row) => ({ period: row.period, result: cachedResult(row) }));
  const { all } = await activeDefinitions(store);
  const live = entriesOf(await computeIndicators(store, await jurisdictionOf(store), cachedPeriods(now), all));
  return live.filter(
    (e) =>
      (q.period === undefined || e.period === q.period) &&
      (q.indicatorId === undefined || e.result.id === q.indicatorId) &&
      (q.district === undefined || (e.result.district ?? '') === q.district) &&
      (q.districtsOnly !== true || e.result.district !== null),
  );
}

/** A district nobody lives in (as far as the store knows): every indicator, no data. */
function noData(template: readonly IndicatorResult[], district: string): IndicatorResult[] {
  return template.map((r) => ({ ...r, district, value: null, numerator: null, denominator: 0, met: null }));
}

/** Every indicator, for the jurisdiction or one district, in definition order. */
export async function readIndicators(store: Store, options: ReadOptions = {}): Promise<IndicatorResult[]> {
  const district = checkDistrict(options.district);
  const now = options.now ?? new Date();
  if (options.from !== undefined || options.to !== undefined) {
    const period = rangeOf(options.from, options.to, now);
    const { all } = await activeDefinitions(store);
    const computed = await computeIndicators(store, await jurisdictionOf(store), [period], all);
    const results = entriesOf(computed).map((e) => e.result);
    const own = results.filter((r) => (r.district ?? '') === district);
    return own.length > 0 ? own : noData(results.filter((r) => r.district === null), district);
  }
  const rows = (await entries(store, { period: currentPeriod, district }, now)).map((e) => e.result);
  if (rows.length > 0 || district === '') return rows;
  return noData((await entries(store, { period: currentPeriod, district: '' }, now)).map((e) => e.result), district);
}

function unknown(id: string): AppError {
  return new AppError('not_found', `没有指标 ${id}`, `no indicator ${id}`);
}

/** One indicator for each district with persons, in code order. */
export async function readIndicatorsByDistrict(store: Store, id: string, now: Date = new Date()): Promise<IndicatorDistricts> {
  const all = await entries(store, { period: currentPeriod, indicatorId: id }, now);
  if (all.length === 0) throw unknown(id);
  return { id, rows: all.filter((e) => e.result.district !== null).map((e) => e.result) };
}

export interface TrendOptions {
  district?: string | null;
  /** The last n month ends, 1 to 12 (default 12). */
  months?: number;
  now?: Date;
}

/** One indicator at each of the last month ends, oldest first. */
export async function readIndicatorTrend(store: Store, id: string, options: TrendOptions = {}): Promise<IndicatorTrend> {
  const months = options.months ?? 12;
  if (!Number.isSafeInteger(months) || months < 1 || months > 12) throw new AppError('bad_request', 'months 应为 1 到 12', 'months must be 1 to 12');
  const district = checkDistrict(options.district);
  const found = await entries(store, { indicatorId: id }, options.now ?? new Date());
  if (found.length === 0) throw unknown(id);
  const points = found
    .filter((e) => e.period !== currentPeriod && (e.result.district ?? '') === district)
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .slice(-months)
    .map((e) => ({ period: e.period, value: e.result.value, numerator: e.result.numerator, denominator: e.result.denominator }));
  return { id, points };
}

export interface IndicatorStatus {
  computed_at: string | null;
  last_ingest_at: string | null;
  /** An ingest finished after the cache was computed (e.g. `ingest --no-resolve`). */
  stale: boolean;
}

export async function readIndicatorStatus(store: Store): Promise<IndicatorStatus> {
  const computedAt = await findComputedAt(store);
  const runs = await store.resolution.kysely.selectFrom('ingest_runs').select((eb) => eb.fn.max('finished_at').as('last')).where('status', '=', 'completed').executeTakeFirst();
  const last = runs?.last ?? null;
  return { computed_at: computedAt, last_ingest_at: last, stale: computedAt === null || (last !== null && last > computedAt) };
}
