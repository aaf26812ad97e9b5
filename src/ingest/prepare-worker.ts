// Ingest worker thread: reads one file and prepares its batches (normalise + serialise) while the
// main thread writes the previous ones, so ingest uses both cores. At most a few batches are in
// flight: the worker waits for the main thread's acknowledgement before running further ahead.

import { parentPort, workerData } from 'node:worker_threads';
import type { Mapping } from '../standard/mapping.js';
import { openRows } from './readers/index.js';
import type { BadRow, DataRow, ReadOptions } from './readers/types.js';
import { prepareBatch, type PreparedBatch } from './prepare-batch.js';
import type { FileContext } from './to-stored.js';

export interface WorkerInput {
  path: string;
  readOptions: ReadOptions;
  mapping: Mapping;
  ctx: FileContext;
  batchRows: number;
}

export type WorkerMessage = { kind: 'batch'; batch: PreparedBatch } | { kind: 'done' } | { kind: 'error'; message: string; code?: string };

const maxInFlight = 3;

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight -= 1;
    wake?.();
    wake = null;
  });
  const send = async (rows: (DataRow | BadRow)[]): Promise<void> => {
    while (inFlight >= maxInFlight) await new Promise<void>((resolve) => (wake = resolve));
    inFlight += 1;
    const message: WorkerMessage = { kind: 'batch', batch: prepareBatch(input.mapping, input.ctx, rows) };
    port.postMessage(message);
  };
  const source = await openRows(input.path, input.readOptions);
  let pending: (DataRow | BadRow)[] = [];
  for await (const row of source.rows) {
    pending.push(row);
    if (pending.length >= input.batchRows) {
      await send(pending);
      pending = [];
    }
  }
  if (pending.length > 0) await send(pending);
  port.postMessage({ kind: 'done' } satisfies WorkerMessage);
}

if (parentPort !== null) {
  const port = parentPort;
  run(port, workerData as WorkerInput).catch((error: unknown) => {
    const message: WorkerMessage = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    port.postMessage(message);
  });
}
