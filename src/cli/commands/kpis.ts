// `yima kpis [--district CODE] [--format table|csv|json] [--from DATE --to DATE] [--definitions FILE]`:
// the indicators of kpis.md (and the city's own) against their targets, from the cache that every
// ingest refreshes. A changed definitions file is picked up here: the cache is recomputed with it.

import { csvCell } from '../../export/csv-writer.js';
import { AppError } from '../../errors.js';
import {
  activeDefinitions,
  loadCityDefinitions,
  readIndicators,
  readIndicatorStatus,
  refreshIndicators,
  savedCustomDefinitions,
  type IndicatorDefinition,
  type IndicatorResult,
  type Unit,
} from '../../indicators/index.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { everySoOften, formatCount } from '../progress.js';

export type KpisFormat = 'table' | 'csv' | 'json';

export interface KpisOptions {
  district?: string | undefined;
  format?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  definitions?: string | undefined;
}

const noData = '无数据 no data';
const columns = ['id', 'name_zh', 'name_en', 'district', 'value', 'numerator', 'denominator', 'target', 'met'] as const;

function checkFormat(format: string | undefined): KpisFormat {
  if (format === undefined || format === 'table' || format === 'csv' || format === 'json') return format ?? 'table';
  throw new AppError('bad_request', '--format 应为 table、csv 或 json', '--format must be table, csv or json');
}

/** Columns a text takes on a terminal: hanzi and full-width forms take two. */
function displayWidth(text: string): number {
  return [...text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
}

function shown(value: number, unit: Unit): string {
  return unit === 'rate' ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(1)} 天 days`;
}

function tableLines(results: readonly IndicatorResult[], definitionOf: ReadonlyMap<string, IndicatorDefinition>): string[] {
  const header = ['指标 indicator', '值 value', '分子/分母 num./den.', '目标 target', '达标 met'];
  const rows = results.map((r) => {
    const definition = definitionOf.get(r.id);
    const unit: Unit = definition?.unit ?? 'rate';
    const op = definition?.target.op === '<=' ? '≤' : '≥';
    return [
      `${r.name_zh} ${r.name_en}`,
      r.value === null ? noData : shown(r.value, unit),
      // Indicators in days are a median or a maximum: the denominator is how many cases it is over.
      r.numerator === null ? formatCount(r.denominator) : `${formatCount(r.numerator)}/${formatCount(r.denominator)}`,
      r.target === null ? '-' : `${op} ${shown(r.target, unit)}`,
      r.met === null ? '-' : r.met ? '是 yes' : '否 no',
    ];
  });
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i] ?? ''))) + 2);
  return [header, ...rows].map((line) => line.map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)))).join('').trimEnd());
}

export async function runKpis(ctx: CommandContext, options: KpisOptions): Promise<void> {
  const format = checkFormat(options.format);
  const custom = loadCityDefinitions(ctx.dataDir, options.definitions);
  await withStore(ctx, async (store) => {
    const node = await requireNode(store);
    let status = await readIndicatorStatus(store);
    // New or changed city definitions, or no cache yet: compute now and keep them for later ingests.
    if (status.computed_at === null || JSON.stringify(await savedCustomDefinitions(store)) !== JSON.stringify(custom)) {
      const summary = await refreshIndicators(store, node, new Date(), {
        custom,
        progress: everySoOften(2000, (persons: number) => ctx.output.err(`  计算指标 indicators: ${formatCount(persons)} 人 persons`)),
      });
      ctx.output.err(`已重新计算指标 indicators recomputed: ${formatCount(summary.persons)} 人 persons, ${(summary.milliseconds / 1000).toFixed(1)} s`);
      status = await readIndicatorStatus(store);
    } else if (status.stale) {
      ctx.output.err('注意：指标计算之后又有导入，未匹配；运行 yima resolve 更新 / note: files were ingested since the indicators were computed; run yima resolve');
    }
    const results = await readIndicators(store, { district: options.district ?? null, from: options.from, to: options.to });
    if (format === 'json') {
      ctx.output.out(JSON.stringify(results, null, 2));
      return;
    }
    if (format === 'csv') {
      ctx.output.out(columns.join(','));
      for (const r of results) ctx.output.out(columns.map((c) => csvCell(r[c])).join(','));
      return;
    }
    const { all } = await activeDefinitions(store, custom);
    const scope = options.district === undefined ? `全辖区 jurisdiction ${node.region}` : `区县 district ${options.district}`;
    const range = options.from === undefined && options.to === undefined ? '' : `，${options.from ?? '…'} – ${options.to ?? '…'}`;
    ctx.output.out(`指标 indicators: ${scope}${range}（计算于 computed ${range === '' ? (status.computed_at ?? '-') : 'now'}）`);
    for (const line of tableLines(results, new Map(all.map((d) => [d.id, d])))) ctx.output.out(line);
  });
}
