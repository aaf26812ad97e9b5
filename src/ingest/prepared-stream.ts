// Where prepared batches come from: a worker thread when the compiled worker is there (the
// command and benchmarks), in process otherwise (tests run the TypeScript directly). Both yield
// the same batches in file order.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { Mapping } from '../standard/mapping.js';
import type { BadRow, DataRow, ReadOptions, RowSource } from './readers/types.js';
import { prepareBatch, type PreparedBatch } from './prepare-batch.js';
import type { WorkerInput, WorkerMessage } from './prepare-worker.js';
import type { FileContext } from './to-stored.js';

const workerFile = fileURLToPath(new URL('./prepare-worker.js', import.meta.url));

export function isWorkerAvailable(): boolean {
  return existsSync(workerFile) && import.meta.url.endsWith('.js');
}

export async function* preparedInProcess(source: RowSource, mapping: Mapping, ctx: FileContext, batchRows: number): AsyncGenerator<PreparedBatch> {
  let pending: (DataRow | BadRow)[] = [];
  for await (const row of source.rows) {
    pending.push(row);
    if (pending.length >= batchRows) {
      yield prepareBatch(mapping, ctx, pending);
      pending = [];
    }
  }
  if (pending.length > 0) yield prepareBatch(mapping, ctx, pending);
}

export async function* preparedInWorker(path: string, readOptions: ReadOptions, mapping: Mapping, ctx: FileContext, batchRows: number): AsyncGenerator<PreparedBatch> {
  const input: WorkerInput = { path, readOptions, mapping, ctx, batchRows };
  const worker = new Worker(workerFile, { workerData: input });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const failed: { error: Error | null } = { error: null };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  });
  worker.on('error', (e) => {
    failed.error = e;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failed.error === null) await new Promise<void>((resolve) => (wake = resolve));
      if (failed.error !== null) throw failed.error;
      const message = queue.shift();
      if (message === undefined) continue;
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw new AppError('bad_file', `读取文件失败：${message.message}`, `reading the file failed: ${message.message}`);
      yield message.batch;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
