// The compiled `yima ingest` (worker thread) against the in-process pipeline, and a real crash:
// kill -9 in the middle of a file, then a re-run, must end where one clean run ends.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIdCheckChar } from '../identity/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { testSigner } from '../test-support/stores.js';
import { loadMapping } from './load-mapping.js';
import { ingestFiles } from './pipeline.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const cli = join(root, 'bin', 'yima.js');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));
if (!built) console.warn('[yima tests] CLI ingest tests SKIPPED: run `npm run build` first (npm test does).');

const mapping = {
  source: 'grid',
  kind: 'grid_collection',
  record_id: '编号',
  roles: { subject: { name: '姓名', id_number: '身份证号', phone: '电话', residence_address: '地址' } },
  facts: { collected_at: '采集日期' },
};
const surnames = '王李张刘陈杨黄赵吴周';
const given = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚';

function makeCsv(rows: number, from = 0): string {
  const lines = ['编号,姓名,身份证号,电话,地址,采集日期'];
  for (let i = from; i < from + rows; i++) {
    const first17 = `44030519${String(70 + (i % 30))}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
    const name = `${surnames[i % 10]}${given[(i * 7) % 20]}${given[(i * 3) % 20]}`;
    const row = [`G${i}`, name, first17 + computeIdCheckChar(first17), `139${String(i).padStart(8, '0')}`, `深圳市南山区粤海街道${i % 500}号`, '2025/3/1'];
    if (i % 997 === 0) row.splice(2, 1); // a malformed row now and then
    lines.push(row.join(','));
  }
  return lines.join('\n');
}

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  // A command that does not exit (a thread left holding the process) fails rather than hangs.
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, YIMA_INGEST_WORKER: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function contents(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const r of store.streamRecords()) out.push(JSON.stringify([r.recordId, r.line, r.contentHash, r.facts, r.raw, r.persons]));
  for await (const q of store.streamQuarantine()) out.push(JSON.stringify([q.line, q.reason, q.raw]));
  return out;
}

describe.skipIf(!built)('yima ingest, compiled, with its worker thread', () => {
  let dir: TempDir;
  let file: string;
  let mappingPath: string;
  let reference: string[];
  let file2: string;
  let referenceBoth: string[];

  beforeAll(async () => {
    dir = makeTempDir('yima-cli-');
    file = dir.write('grid.csv', makeCsv(60_000));
    mappingPath = dir.write('grid.json', JSON.stringify(mapping));
    const store = SqliteStore.open(join(dir.path, 'reference.db'), { signer: testSigner });
    await store.migrate();
    await store.initNode({ nodeId: 'ref', region: '440300', name: 'ref', createdAt: '2025-01-01T00:00:00Z' });
    await ingestFiles(store, await loadMapping(mappingPath), [file], { worker: false });
    reference = await contents(store);
    await store.close();
    file2 = dir.write('grid-2.csv', makeCsv(20_000, 60_000));
    const both = SqliteStore.open(join(dir.path, 'reference-both.db'), { signer: testSigner });
    await both.migrate();
    await both.initNode({ nodeId: 'ref', region: '440300', name: 'ref', createdAt: '2025-01-01T00:00:00Z' });
    await ingestFiles(both, await loadMapping(mappingPath), [file, file2], { worker: false });
    referenceBoth = await contents(both);
    await both.close();
  }, 120_000);
  afterAll(() => dir.remove());

  async function storeAt(data: string): Promise<string[]> {
    const store = SqliteStore.open(join(data, 'yima.db'));
    try {
      return await contents(store);
    } finally {
      await store.close();
    }
  }

  it('stores exactly what the in-process pipeline stores', async () => {
    const data = join(dir.path, 'worker-data');
    expect(runCli(['init', '--data', data, '--region', '440300']).status).toBe(0);
    const run = runCli(['ingest', '--data', data, '--no-resolve', '--mapping', mappingPath, file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/读取 read 60,000 = 接收 accepted 59,939 \+ 隔离 quarantined 61/);
    expect(await storeAt(data)).toEqual(reference);
  }, 120_000);

  it('keeps one worker for the files of a call, and stores what the in-process pipeline stores', async () => {
    const data = join(dir.path, 'two-files');
    expect(runCli(['init', '--data', data, '--region', '440300']).status).toBe(0);
    const run = runCli(['ingest', '--data', data, '--no-resolve', '--mapping', mappingPath, file, file2]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/grid-2\.csv/);
    expect(await storeAt(data)).toEqual(referenceBoth);
  }, 120_000);

  it('ends a run killed with SIGKILL, once re-run, where one clean run ends', async () => {
    const data = join(dir.path, 'killed-data');
    expect(runCli(['init', '--data', data, '--region', '440300']).status).toBe(0);
    const child = spawn(process.execPath, [cli, 'ingest', '--data', data, '--no-resolve', '--mapping', mappingPath, file], { stdio: 'ignore', env: { ...process.env, YIMA_INGEST_WORKER: '1' } });
    let exited = false;
    const exit = new Promise((r) => child.once('exit', r)).then(() => (exited = true));
    const db = join(data, 'yima.db');
    // Kill without warning as soon as a batch is committed (the whole file takes well under a second
    // of commits, so waiting for more would risk finding it done).
    const deadline = Date.now() + 60_000;
    let committed = 0;
    while (Date.now() < deadline && committed === 0 && !exited) {
      await new Promise((r) => setTimeout(r, 10));
      const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
      committed = (reader.prepare('select count(*) as n from records').get() as { n: number }).n;
      reader.close();
    }
    child.kill('SIGKILL');
    await exit;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(59_939);
    const rerun = runCli(['ingest', '--data', data, '--no-resolve', '--mapping', mappingPath, file]);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/续传|resumed/);
    expect(await storeAt(data)).toEqual(reference);
    const again = runCli(['ingest', '--data', data, '--no-resolve', '--mapping', mappingPath, file]);
    expect(again.stdout).toMatch(/already ingested/);
    expect(again.status).toBe(0);
  }, 180_000);
});
