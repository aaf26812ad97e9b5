// The compiled ingest worker thread is kept between the files of a run and ends once no file has
// come for a while, so what runs after an ingest (a resolution) gets its memory back.

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../standard/mapping.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import type * as PreparedStream from './prepared-stream.js';
import type { FileContext } from './to-stored.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const compiled = join(root, 'dist', 'src', 'ingest', 'prepared-stream.js');
const built = existsSync(compiled);
if (!built) console.warn('[yima tests] ingest worker idle test SKIPPED: run `npm run build` first (npm test does).');

const mapping = parseMapping({ source: 'grid', kind: 'grid_collection', record_id: '编号', roles: { subject: { name: '姓名', phone: '电话' } } }, 'grid.json');

function contextOf(file: string): FileContext {
  return { source: 'grid', runId: 'run', fileName: file, fileHash: '0'.repeat(64), ingestedAt: '2026-11-30T00:00:00.000Z', jurisdiction: '440300', columns: ['编号', '姓名', '电话'] };
}

async function rowsOf(batches: AsyncIterable<{ rowsRead: number }>): Promise<number> {
  let rows = 0;
  for await (const b of batches) rows += b.rowsRead;
  return rows;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
}

describe.skipIf(!built)('the ingest worker thread', () => {
  let dir: TempDir;
  let file: string;
  let stream: typeof PreparedStream;
  beforeAll(async () => {
    dir = makeTempDir();
    file = join(dir.path, 'grid.csv');
    writeFileSync(file, ['编号,姓名,电话', ...Array.from({ length: 2500 }, (_, i) => `G${i},王伟,139${String(i).padStart(8, '0')}`)].join('\n'));
    stream = (await import(pathToFileURL(compiled).href)) as typeof PreparedStream;
  });
  afterAll(() => dir.remove());

  it('serves file after file, ends after a second without one, and a later file starts a fresh thread', async () => {
    expect(stream.isWorkerWarm()).toBe(false);
    expect(await rowsOf(stream.preparedInWorker(file, {}, mapping, contextOf(file), 1000))).toBe(2500);
    expect(stream.isWorkerWarm()).toBe(true);
    // The next file of a run comes at once: the same thread takes it.
    expect(await rowsOf(stream.preparedInWorker(file, {}, mapping, contextOf(file), 1000))).toBe(2500);
    expect(stream.isWorkerWarm()).toBe(true);
    // Nothing more: the thread ends.
    expect(await until(() => !stream.isWorkerWarm(), 5000)).toBe(true);
    expect(await rowsOf(stream.preparedInWorker(file, {}, mapping, contextOf(file), 1000))).toBe(2500);
    expect(await until(() => !stream.isWorkerWarm(), 5000)).toBe(true);
  });
});
