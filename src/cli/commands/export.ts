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

export const exportsByName: Record<string, Export> = {
  quarantine: { header: ['source', 'file', 'line', 'record_id', 'reason'], rows: quarantineRows },
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
