// `yima export <what> --out FILE`: CSV exports of spec §4 (UTF-8, formula cells neutralised), or
// .xlsx when the file name says so.

import { AppError } from '../../errors.js';
import { writeCsv } from '../../export/csv-writer.js';
import { writeXlsx } from '../../export/xlsx-writer.js';
import type { Store } from '../../store/types.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { formatCount } from '../progress.js';

type Row = readonly (string | number | boolean | null)[];

interface Export {
  header: readonly string[];
  rows(store: Store): AsyncIterable<Row>;
}

async function* quarantineRows(store: Store): AsyncIterable<Row> {
  for await (const q of store.streamQuarantine()) yield [q.source, q.fileName, q.line, q.recordId, q.reason];
}

async function* linkRows(store: Store): AsyncIterable<Row> {
  yield* store.resolution.streamLinks();
}

async function* personRows(store: Store): AsyncIterable<Row> {
  for await (const p of store.resolution.streamPersons()) {
    // The code column is the person's service code id: the QR's signed token is issued from it.
    // Floating is true or false when the hukou region is known; blank when it is not (no hukou
    // address and no id number to read it from), rather than a `false` that would count them local.
    yield [p.person_id, p.code_id ?? '', p.name, p.id_number, p.sex, p.birth_date, p.phone, p.hukou_region, p.residence_region, p.floating === 'unknown' ? null : p.floating === 'floating', p.sources];
  }
}

async function* unregisteredRows(store: Store): AsyncIterable<Row> {
  for await (const p of store.resolution.streamPersons('unregistered')) yield [p.person_id, p.name, p.id_number, p.evidence];
}

async function* conflictRows(store: Store): AsyncIterable<Row> {
  for await (const c of store.resolution.streamConflicts()) {
    const values = JSON.parse(c.values) as string[];
    const sources = JSON.parse(c.sources) as string[][];
    yield [c.person_id, c.field, values.join(' | '), sources.map((s) => s.join('+')).join(' | ')];
  }
}

export const exportsByName: Record<string, Export> = {
  links: { header: ['source', 'record_id', 'role', 'person_id'], rows: linkRows },
  persons: { header: ['person_id', 'code', 'name', 'id_number', 'sex', 'birth_date', 'phone', 'hukou_region', 'residence_region', 'floating', 'sources'], rows: personRows },
  quarantine: { header: ['source', 'file', 'line', 'record_id', 'reason'], rows: quarantineRows },
  unregistered: { header: ['person_id', 'name', 'id_number', 'evidence'], rows: unregisteredRows },
  conflicts: { header: ['person_id', 'field', 'values', 'sources'], rows: conflictRows },
};

export async function runExport(ctx: CommandContext, what: string, out: string): Promise<void> {
  const chosen = exportsByName[what];
  if (chosen === undefined) {
    const known = Object.keys(exportsByName).join(', ');
    throw new AppError('bad_request', `未知的导出类型 ${what}（可用：${known}）`, `unknown export ${what} (available: ${known})`);
  }
  await withStore(ctx, async (store) => {
    await requireNode(store);
    // CSV is the contract (spec §4); .xlsx is for officials who open it in Excel.
    const count = out.toLowerCase().endsWith('.xlsx') ? await writeXlsx(out, what, chosen.header, chosen.rows(store)) : await writeCsv(out, chosen.header, chosen.rows(store));
    ctx.output.out(`已导出 ${formatCount(count)} 行到 ${out} / exported ${formatCount(count)} rows`);
  });
}
