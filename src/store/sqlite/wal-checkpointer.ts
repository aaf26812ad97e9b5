// A serving node's WAL checkpoints, on a thread of their own. By default SQLite checkpoints in the
// connection that commits, once the log passes 1,000 pages: the commit that crosses the line copies
// those pages into the database file and syncs it (at 1M persons ~65 ms of a 1,000-record batch's
// ~80 ms of commits, in a batch of ~0.85 s). Here a second connection, in a worker thread, runs a
// passive checkpoint every `intervalMs`; it copies only committed pages and never blocks the
// writer or a reader. The node's own connection keeps a checkpoint of its own at a high mark
// (`fallbackPages`), so the log stays bounded even if this thread falls behind (a long upload) or
// stops: if the thread exits, the connection goes back to SQLite's default.
//
// The worker is a short script evaluated in the thread, not a compiled file: it runs under the
// test runner as it runs in production.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a passive checkpoint reports: pages in the log, and of them copied into the database. */
export interface CheckpointRound {
  log: number;
  checkpointed: number;
}

export interface CheckpointerOptions {
  /** Between two checkpoints (default 250 ms). */
  intervalMs?: number;
  /** Called after each checkpoint that copied pages (for tests and operators' logs). */
  onCheckpoint?: (round: CheckpointRound) => void;
  /** Called if the thread stops on its own; the caller restores SQLite's own checkpoints. */
  onExit?: () => void;
}

/** The writer's own checkpoint while the thread runs: 16,384 pages (128 MiB at 8 KiB a page). */
export const fallbackPages = 16_384;

/** SQLite's own automatic checkpoint (pages), which the writer goes back to without the thread. */
export const sqliteDefaultPages = 1000;

const script = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
let timer;
const round = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.checkpointed > 0) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (error) {
    // Busy (another checkpoint running) or a transient lock: the next round tries again.
  }
  timer = setTimeout(round, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
timer = setTimeout(round, workerData.intervalMs);
`;

export class WalCheckpointer {
  private stopped = false;
  private readonly exited: Promise<void>;

  private constructor(private readonly thread: Worker) {
    this.exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  }

  /** Starts checkpointing `file` (a database in WAL mode that the caller has open). */
  static start(file: string, options: CheckpointerOptions = {}): WalCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const thread = new Worker(script, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? 250 } });
    const checkpointer = new WalCheckpointer(thread);
    thread.on('message', (round: CheckpointRound) => options.onCheckpoint?.(round));
    // An error is followed by the exit; neither may end the node.
    thread.on('error', () => undefined);
    thread.once('exit', () => {
      if (!checkpointer.stopped) options.onExit?.();
    });
    // The node's process ends when its work does, not when this thread's timer says.
    thread.unref();
    return checkpointer;
  }

  /** Stops the thread after its current round and closes its connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Held by the event loop until it has exited: an unreferenced thread would let the process end first.
    this.thread.ref();
    this.thread.postMessage('stop');
    // A thread stuck in a sync is not waited on forever.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 5000);
    });
    await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    await this.thread.terminate();
  }
}
