// Memory stays flat while a large file streams through. Slow (a ~200 MB file is written and
// read), so it runs only with YIMA_LARGE_TESTS=1.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRows } from './index.js';

const MiB = 1024 * 1024;
const TARGET_BYTES = 200 * MiB;
const SWALLOWED_TAIL_BYTES = 20 * MiB;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yima-large-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes ~200 MB of 12-column rows, then a quote left open that swallows the last 20 MB. */
async function writeLargeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('编号,姓名,公民身份号码,性别,出生日期,民族,联系电话,户籍地址,现住址,工作单位,登记日期,居住事由\n');
  let rows = 0;
  let bytes = 0;
  while (bytes < TARGET_BYTES - SWALLOWED_TAIL_BYTES) {
    let batch = '';
    for (let k = 0; k < 1000; k++, rows++) {
      batch += `R${rows},张三${rows % 97},44030419900101${String(rows % 10000).padStart(4, '0')},男,1990-01-01,汉族,138${String(rows).padStart(8, '0')},广东省深圳市福田区${rows % 500}号,"南山区科技园${rows % 900}栋, ${rows % 30}楼",某某科技有限公司,2024-03-01,务工\n`;
    }
    bytes += Buffer.byteLength(batch);
    await write(batch);
  }
  await write('R-open,"this quote is never closed\n');
  const filler = 'x,y,z,'.repeat(170) + '\n';
  for (let tail = 0; tail < SWALLOWED_TAIL_BYTES; tail += filler.length) await write(filler);
  out.end();
  await once(out, 'finish');
  return rows;
}

describe('large files', () => {
  it.skipIf(!process.env['YIMA_LARGE_TESTS'])(
    'streams a ~200 MB csv with process RSS growing by less than 150 MB',
    async () => {
      const path = join(dir, 'large.csv');
      const goodRows = await writeLargeCsv(path);
      const size = (await stat(path)).size;

      const source = await openRows(path);
      const before = process.memoryUsage.rss();
      let peak = before;
      let rows = 0;
      let bad = 0;
      for await (const row of source.rows) {
        if (row.kind === 'row') rows++;
        else bad++;
        if ((rows & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage.rss());
      }
      peak = Math.max(peak, process.memoryUsage.rss());
      const growthMiB = (peak - before) / MiB;
      console.log(`large csv: ${(size / MiB).toFixed(0)} MiB, ${rows} rows + ${bad} bad; RSS ${(before / MiB).toFixed(0)} -> peak ${(peak / MiB).toFixed(0)} MiB (+${growthMiB.toFixed(0)} MiB)`);

      expect(rows).toBe(goodRows);
      expect(bad).toBe(1); // the 20 MB swallowed by the open quote, reported as one record
      expect(growthMiB).toBeLessThan(150);
    },
    300_000,
  );
});
