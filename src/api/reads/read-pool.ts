// The read pool: person views answered by threads of their own, each with a read-only handle on
// the node's store, so the reads, the presenter and the JSON of a view use every core while the
// request thread keeps HTTP, sign-in, policy and the audit log (one writer, group commits).
// A request goes to the thread with the fewest in flight. A thread that dies fails its requests
// with `unavailable` and is replaced; the pool never answers a view it did not read.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { Principal } from '../../access/policy.js';
import type { ReaderLocation } from '../../store/types.js';
import type { PersonViewer, ViewOutcome } from './person-view.js';
import type { ReadReply, ReadWorkerData, ViewRequest } from './read-protocol.js';

const defaultWorkerFile = fileURLToPath(new URL('./read-worker.js', import.meta.url));

/** Threads a serving node starts by default: one per core on a machine of two or more, at most four. */
export function defaultReaders(): number {
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(4, cores) : 0;
}

/** The pool runs from compiled code only (a thread cannot load TypeScript): false under the test runner. */
export function readPoolAvailable(workerFile = defaultWorkerFile): boolean {
  return workerFile.endsWith('.js') && existsSync(workerFile);
}

interface Pending {
  resolve: (outcome: ViewOutcome<Buffer>) => void;
  reject: (error: unknown) => void;
}

function unavailable(): AppError {
  return new AppError('unavailable', '读取线程不可用，请重试', 'a read thread stopped: try again');
}

class Reader {
  readonly pending = new Map<number, Pending>();
  readonly thread: Worker;
  readonly ready: Promise<void>;

  constructor(workerFile: string, data: ReadWorkerData, onExit: (reader: Reader) => void) {
    this.thread = new Worker(workerFile, { workerData: data });
    this.ready = new Promise<void>((resolve, reject) => {
      this.thread.on('message', (reply: ReadReply) => {
        if (reply.kind === 'ready') return resolve();
        if (reply.kind === 'fatal') return reject(new AppError('unavailable', `读取线程无法打开数据库：${reply.message}`, `a read thread could not open the store: ${reply.message}`));
        const waiting = this.pending.get(reply.seq);
        if (waiting === undefined) return undefined;
        this.pending.delete(reply.seq);
        if (reply.kind === 'error') return waiting.reject(new AppError(reply.code, reply.messageZh, reply.message));
        if (!reply.found) return waiting.resolve({ found: false });
        return waiting.resolve({ found: true, records: reply.records, body: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) });
      });
    });
    this.thread.on('error', () => {
      // The exit that follows fails what is pending.
    });
    this.thread.once('exit', () => {
      for (const p of this.pending.values()) p.reject(unavailable());
      this.pending.clear();
      onExit(this);
    });
  }
}

export class ReadPool implements PersonViewer {
  private readers: Reader[] = [];
  private seq = 0;
  private closing = false;

  private constructor(
    private readonly workerFile: string,
    private readonly data: ReadWorkerData,
  ) {}

  /** Starts `size` threads and waits until each has its store open. */
  static async start(location: ReaderLocation, size: number, workerFile = defaultWorkerFile): Promise<ReadPool> {
    if (size < 1) throw new AppError('bad_request', '读取线程数至少为 1', 'a read pool needs at least one thread');
    const pool = new ReadPool(workerFile, { location });
    for (let i = 0; i < size; i++) pool.readers.push(pool.spawn());
    try {
      await Promise.all(pool.readers.map((r) => r.ready));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Threads taking requests now. */
  get size(): number {
    return this.readers.length;
  }

  /** The threads themselves (for operators' tools and tests). */
  threads(): readonly Worker[] {
    return this.readers.map((r) => r.thread);
  }

  private spawn(): Reader {
    return new Reader(this.workerFile, this.data, (gone) => {
      const at = this.readers.indexOf(gone);
      if (at < 0 || this.closing) return;
      const fresh = this.spawn();
      // Until it is ready it takes no requests; one that cannot open the store is dropped.
      this.readers.splice(at, 1);
      fresh.ready.then(
        () => {
          if (!this.closing) this.readers.push(fresh);
          else void fresh.thread.terminate();
        },
        () => void fresh.thread.terminate(),
      );
    });
  }

  view(personId: string, who: Principal, today: string): Promise<ViewOutcome<Buffer>> {
    let reader: Reader | undefined;
    for (const r of this.readers) if (reader === undefined || r.pending.size < reader.pending.size) reader = r;
    if (reader === undefined || this.closing) return Promise.reject(unavailable());
    const seq = ++this.seq;
    const chosen = reader;
    return new Promise<ViewOutcome<Buffer>>((resolve, reject) => {
      chosen.pending.set(seq, { resolve, reject });
      chosen.thread.postMessage({ seq, personId, who, today } satisfies ViewRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const readers = this.readers;
    this.readers = [];
    await Promise.all(readers.map((r) => r.thread.terminate()));
  }
}
