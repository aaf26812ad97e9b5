// Ingest worker thread: reads files and prepares their batches (normalise + serialise) while the
// main thread writes the previous ones, so ingest uses both cores; when the main thread is about
// to run dry, the worker hands it a batch of rows to prepare itself (handOverWhenInFlight). The
// thread lives for the whole process and takes one file (a job) after another, so its start-up,
// dictionaries and compiled code are paid for once, not per file. At most a few batches are in flight: the worker waits for
// the main thread's acknowledgement before running further ahead.

import { parentPort } from 'node:worker_threads';
import type { Mapping } from '../standard/mapping.js';
import { openRows } from './readers/index.js';
import type { ReadOptions } from './readers/types.js';
import { BatchPacker, RowPacker, type WireBatch, type WireRows } from './batch-wire.js';
import { prepareRowInto } from './prepare-batch.js';
import type { FileContext } from './to-stored.js';

export interface WorkerJob {
  jobId: number;
  path: string;
  readOptions: ReadOptions;
  mapping: Mapping;
  ctx: FileContext;
  batchRows: number;
}

/** Main thread ▶ worker. */
export type WorkerRequest = { kind: 'job'; job: WorkerJob } | { kind: 'ack'; jobId: number } | { kind: 'cancel'; jobId: number };

/** Worker ▶ main thread; every message names its job. */
export type WorkerMessage =
  | { kind: 'batch'; jobId: number; batch: WireBatch }
  | { kind: 'rows'; jobId: number; rows: WireRows }
  | { kind: 'done'; jobId: number }
  | { kind: 'error'; jobId: number; message: string };

const maxInFlight = 3;
/**
 * A batch goes to the storing thread as rows, for it to prepare, when at most this many batches
 * wait there. With 0 it would go only when that thread is idle and the worker stays the slower
 * half; with 2 (all in flight) every batch would go and the storing thread would be. 1 keeps both
 * busy (measured on 1M rows: 27–28 s, against 31 s without handing over and 34 s with 2).
 */
const handOverWhenInFlight = 1;

interface JobState {
  inFlight: number;
  cancelled: boolean;
  wake: (() => void) | null;
}

async function runJob(port: NonNullable<typeof parentPort>, job: WorkerJob, state: JobState): Promise<void> {
  // Each row goes into the batch being packed as soon as it is read, so no row outlives itself.
  // The batch's kind is settled when it starts: when the thread that stores is about to run out of
  // work, it gets the rows to prepare itself, so both cores work when preparing is the slower half
  // (it mostly is). Batches still arrive in file order.
  let rows: RowPacker | null = null;
  let prepared: BatchPacker | null = null;
  let count = 0;
  const post = (): void => {
    if (rows !== null) {
      const wire = rows.finish();
      port.postMessage({ kind: 'rows', jobId: job.jobId, rows: wire } satisfies WorkerMessage, [wire.numbers.buffer]);
    } else if (prepared !== null) {
      const batch = prepared.finish(count);
      port.postMessage({ kind: 'batch', jobId: job.jobId, batch } satisfies WorkerMessage, [batch.numbers.buffer]);
    }
    rows = null;
    prepared = null;
    count = 0;
  };
  const source = await openRows(job.path, job.readOptions);
  try {
    for await (const row of source.rows) {
      if (state.cancelled) return;
      if (count === 0) {
        while (state.inFlight >= maxInFlight && !state.cancelled) await new Promise<void>((resolve) => (state.wake = resolve));
        if (state.cancelled) return;
        if (state.inFlight <= handOverWhenInFlight) rows = new RowPacker();
        else prepared = new BatchPacker();
        state.inFlight += 1;
      }
      if (rows !== null) rows.add(row);
      else if (prepared !== null) prepareRowInto(job.mapping, job.ctx, row, prepared);
      count += 1;
      if (count >= job.batchRows) post();
    }
    if (count > 0) post();
  } finally {
    await source.close();
  }
  if (!state.cancelled) port.postMessage({ kind: 'done', jobId: job.jobId } satisfies WorkerMessage);
}

function serve(port: NonNullable<typeof parentPort>): void {
  const states = new Map<number, JobState>();
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'job') {
      const { job } = request;
      const state: JobState = { inFlight: 0, cancelled: false, wake: null };
      states.set(job.jobId, state);
      // Jobs run one after another, in the order they came.
      queue = queue.then(async () => {
        try {
          if (!state.cancelled) await runJob(port, job, state);
        } catch (error) {
          if (!state.cancelled) port.postMessage({ kind: 'error', jobId: job.jobId, message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
        } finally {
          states.delete(job.jobId);
        }
      });
      return;
    }
    const state = states.get(request.jobId);
    if (state === undefined) return;
    if (request.kind === 'ack') state.inFlight -= 1;
    else state.cancelled = true;
    state.wake?.();
    state.wake = null;
  });
}

if (parentPort !== null) serve(parentPort);
