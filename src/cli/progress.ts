// Ingest progress: a live line on a terminal, a plain line every few seconds otherwise (CI logs).

import type { FileSummary, IngestProgress } from '../ingest/pipeline.js';
import type { Output } from './context.js';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Calls `fn` at most once every `ms` (the first call waits `ms` too): a long step's progress lines. */
export function everySoOften<T extends unknown[]>(ms: number, fn: (...args: T) => void, clock: () => number = Date.now): (...args: T) => void {
  let last = clock();
  return (...args) => {
    const now = clock();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}

export function createProgress(output: Output, clock: () => number = Date.now): IngestProgress {
  let started = clock();
  let lastPrinted = 0;
  return {
    fileStarted(file, index, total) {
      started = clock();
      lastPrinted = started;
      output.out(`[${index + 1}/${total}] ${file}`);
    },
    rowsDone(file, rows) {
      const now = clock();
      const rate = rows / Math.max((now - started) / 1000, 0.001);
      const text = `  ${file}: ${formatCount(rows)} 行 rows, ${formatCount(Math.round(rate))} 行/秒 rows/s`;
      if (output.isTTY) process.stdout.write(`\r${text}\u001b[K`);
      else if (now - lastPrinted >= 5000) {
        output.out(text);
        lastPrinted = now;
      }
    },
    fileDone(summary: FileSummary) {
      if (output.isTTY) process.stdout.write('\r\u001b[K');
      output.out(describeFile(summary));
    },
  };
}

export function describeFile(s: FileSummary): string {
  const head =
    s.status === 'skipped'
      ? `  ${s.file}: 已导入过，跳过 / already ingested, skipped (run ${s.runId})`
      : `  ${s.file}: 读取 read ${formatCount(s.rowsRead)} = 接收 accepted ${formatCount(s.accepted)} + 隔离 quarantined ${formatCount(s.quarantined)}`;
  const reasons = Object.entries(s.reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${formatCount(n)}`)
    .join(', ');
  const extra = [
    reasons === '' ? '' : `隔离原因 reasons: ${reasons}`,
    s.updated > 0 ? `更新 updated ${formatCount(s.updated)}` : '',
    s.unchanged > 0 ? `未变 unchanged ${formatCount(s.unchanged)}` : '',
    s.status === 'resumed' ? '续传 resumed an interrupted run' : '',
  ].filter((x) => x !== '');
  return extra.length === 0 ? head : `${head}\n    ${extra.join('; ')}`;
}
