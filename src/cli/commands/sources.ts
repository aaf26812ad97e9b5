// `yima sources`: each source with its kind, rows, accepted, quarantined and last ingest.

import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { formatCount } from '../progress.js';

/** Columns a text takes on a terminal: hanzi and full-width forms take two. */
function displayWidth(text: string): number {
  return [...text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export async function runSources(ctx: CommandContext): Promise<void> {
  await withStore(ctx, async (store) => {
    await requireNode(store);
    const sources = await store.listSources();
    if (sources.length === 0) {
      ctx.output.out('还没有数据源：用 yima ingest 导入 / no sources yet: use yima ingest');
      return;
    }
    const header = ['数据源 source', '类型 kind', '读取 read', '接收 accepted', '隔离 quarantined', '标准化率 std.', '最近导入 last ingest (UTC)'];
    const rows = sources.map((s) => [
      s.source,
      s.kind,
      formatCount(s.rowsRead),
      formatCount(s.accepted),
      formatCount(s.quarantined),
      s.valuesTotal === 0 ? '-' : `${((100 * s.valuesStandard) / s.valuesTotal).toFixed(1)}%`,
      s.lastIngestAt ?? '-',
    ]);
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
    for (const line of [header, ...rows]) ctx.output.out(line.map((cell, i) => pad(cell, widths[i] ?? 0)).join(''));
  });
}
