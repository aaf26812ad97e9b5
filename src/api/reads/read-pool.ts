// The read pool: person views answered by threads of their own, each with a read-only handle on
// the node's store, so the reads, the presenter and the JSON of a view use every core while the
// request thread keeps HTTP, sign-in, policy and the audit log (one writer, group commits).
// A request goes to the thread with the fewest in flight. A thread that dies fails its requests
// with `unavailable` and is replaced (again and again, spaced out, if a replacement cannot start);
// while no thread is ready the views are read on the request thread, so the node keeps serving.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { Principal } from '../../access/policy.js';
import type { PersonView } from '../../access/presenter.js';
import type { ReaderLocation } from '../../store/types.js';
import type { PersonViewer, ViewOutcome } from './person-view.js';
import type { ReadReply, ReadRequest, ReadWorkerData } from './read-protocol.js';

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

function cannotStart(reason: string): AppError {
  return new AppError('unavailable', `读取线程无法启动：${reason}`, `a read thread could not start: ${reason}`);
}

class Reader {
  readonly pending = new Map<number, Pending>();
  readonly thread: Worker;
  /** Settles once the thread has its store open and has read from it, or has failed to. */
  readonly ready: Promise<void>;
  exited = false;

  constructor(workerFile: string, data: ReadWorkerData, onExit: (reader: Reader) => void) {
    this.thread = new Worker(workerFile, { workerData: data });
    let failStart: (error: AppError) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      failStart = reject;
      this.thread.on('message', (reply: ReadReply) => {
        if (reply.kind === 'ready') return resolve();
        if (reply.kind === 'fatal') return reject(cannotStart(reply.message));
        const waiting = this.pending.get(reply.seq);
        if (waiting === undefined) return undefined;
        this.pending.delete(reply.seq);
        if (reply.kind === 'error') return waiting.reject(new AppError(reply.code, reply.messageZh, reply.message));
        if (!reply.found) return waiting.resolve({ found: false });
        return waiting.resolve({ found: true, records: reply.records, body: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) });
      });
    });
    // A start that fails is the caller's to report; an unobserved rejection must not end the process.
    this.ready.catch(() => undefined);
    let lastError = 'the thread stopped';
    this.thread.on('error', (error: Error) => {
      // Only the kind of failure: a message could quote data. The exit that follows fails what is pending.
      lastError = `${error.name} in the read thread`;
    });
    this.thread.once('exit', () => {
      this.exited = true;
      failStart(cannotStart(lastError));
      for (const p of this.pending.values()) p.reject(unavailable());
      this.pending.clear();
      onExit(this);
    });
  }
}

export interface ReadPoolOptions {
  workerFile?: string;
  /** Reads a view while no thread is ready (the request thread's own reader). */
  fallback?: PersonViewer;
  /** First wait before starting a replacement again after one failed to start (doubles, up to 30 s). */
  retryMs?: number;
}

export class ReadPool implements PersonViewer {
  private readers: Reader[] = [];
  private seq = 0;
  private closing = false;
  private retryMs: number;

  private constructor(
    private readonly workerFile: string,
    private readonly data: ReadWorkerData,
    private readonly fallback: PersonViewer | undefined,
    private readonly firstRetryMs: number,
  ) {
    this.retryMs = firstRetryMs;
  }

  /** Starts `size` threads and waits until each has read from the store; fails if any cannot. */
  static async start(location: ReaderLocation, size: number, options: ReadPoolOptions = {}): Promise<ReadPool> {
    if (size < 1) throw new AppError('bad_request', '读取线程数至少为 1', 'a read pool needs at least one thread');
    const pool = new ReadPool(options.workerFile ?? defaultWorkerFile, { location }, options.fallback, options.retryMs ?? 1000);
    const first = Array.from({ length: size }, () => pool.spawn());
    try {
      await Promise.all(first.map((r) => r.ready));
    } catch (error) {
      pool.closing = true;
      await Promise.all(first.map((r) => r.thread.terminate()));
      throw error;
    }
    pool.readers.push(...first);
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
      if (at >= 0) this.readers.splice(at, 1);
      if (at >= 0 && !this.closing) this.replace();
    });
  }

  /** Starts a thread in place of one that died; keeps trying, spaced out, until one starts. */
  private replace(): void {
    const fresh = this.spawn();
    fresh.ready.then(
      () => {
        this.retryMs = this.firstRetryMs;
        if (this.closing) void fresh.thread.terminate();
        else this.readers.push(fresh);
      },
      () => {
        void fresh.thread.terminate();
        const wait = this.retryMs;
        this.retryMs = Math.min(30_000, this.retryMs * 2);
        setTimeout(() => {
          if (!this.closing) this.replace();
        }, wait).unref();
      },
    );
  }

  view(personId: string, who: Principal, today: string): Promise<ViewOutcome<PersonView | Buffer>> {
    if (this.closing) return Promise.reject(unavailable());
    let reader: Reader | undefined;
    for (const r of this.readers) if (!r.exited && (reader === undefined || r.pending.size < reader.pending.size)) reader = r;
    if (reader === undefined) return this.fallback === undefined ? Promise.reject(unavailable()) : this.fallback.view(personId, who, today);
    const seq = ++this.seq;
    const chosen = reader;
    return new Promise<ViewOutcome<Buffer>>((resolve, reject) => {
      chosen.pending.set(seq, { resolve, reject });
      chosen.thread.postMessage({ kind: 'view', seq, personId, who, today } satisfies ReadRequest);
    });
  }

  /** Asks each thread to close its store and stop; one that has not stopped within 2 s is ended. */
  async close(): Promise<void> {
    this.closing = true;
    const readers = this.readers;
    this.readers = [];
    await Promise.all(
      readers.map(async (r) => {
        if (r.exited) return;
        const exited = new Promise<void>((resolve) => r.thread.once('exit', () => resolve()));
        r.thread.postMessage({ kind: 'close' } satisfies ReadRequest);
        const timer = setTimeout(() => void r.thread.terminate(), 2000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await this.fallback?.close();
  }
}
