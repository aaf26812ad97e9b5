// Group commit for the audit log: entries of concurrent requests are appended together in one
// transaction (one signed checkpoint per group), and each request answers only after its entry
// is committed. If the append fails the request fails: no person leaves the server unaudited.

import type { AuditEntry } from '../audit/entry.js';
import type { Store } from '../store/types.js';

interface Pending {
  entry: AuditEntry;
  resolve: (index: number) => void;
  reject: (error: unknown) => void;
}

export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    /** Largest group per transaction. */
    private readonly maxGroup = 2000,
  ) {}

  /** Appends one entry; resolves with its index in the log once committed. */
  write(entry: AuditEntry): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  async writeAll(entries: readonly AuditEntry[]): Promise<number[]> {
    return Promise.all(entries.map((e) => this.write(e)));
  }

  private async flushLoop(): Promise<void> {
    // Let the requests of this turn of the event loop join the group.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        try {
          const result = await this.store.appendAudit(group.map((p) => p.entry));
          group.forEach((p, i) => p.resolve(result.firstIndex + i));
        } catch (error) {
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Waits until every queued entry is committed or failed. */
  async drain(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }
}
