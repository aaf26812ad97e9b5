// What the audit log asks of a store, in the log's own terms: reading entries, nodes, checkpoints
// and the head. Both stores implement it (src/store/sqlite, src/store/postgres); the verifier and
// the `yima audit` commands only ever see this interface.

import type { NodeReader } from './merkle-proof.js';
import type { StoredEntry } from './verify-log.js';

export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  /** The signed note, exactly as signed. */
  readonly note: string;
  /** UTC, when it was signed. */
  readonly signedAt: string;
}

/** The appender's state: the number of entries and the compact range (concatenated hashes). */
export interface AuditHead {
  readonly size: number;
  readonly frontier: Buffer;
}

export interface AuditAppendResult {
  /** Index of the batch's first entry. */
  readonly firstIndex: number;
  /** Tree size after the batch. */
  readonly size: number;
  readonly root: Buffer;
  /** The checkpoint signed for the new size. */
  readonly checkpoint: string;
}

export interface AuditReader extends NodeReader {
  head(): Promise<AuditHead>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** Checkpoints of size > `afterSize`, smallest first, at most `limit`. */
  readCheckpoints(afterSize: number, limit: number): Promise<StoredCheckpoint[]>;
  findCheckpoint(size: number): Promise<StoredCheckpoint | undefined>;
  /** Entries with index >= `start`, in index order, at most `limit` (a page: no cursor stays open). */
  readEntries(start: number, limit: number): Promise<StoredEntry[]>;
}

/** Every stored entry in index order, a page at a time. */
export async function* allEntries(reader: AuditReader, pageSize = 4096): AsyncGenerator<StoredEntry> {
  let start = 0;
  for (;;) {
    const page = await reader.readEntries(start, pageSize);
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    start = last.index + 1;
  }
}

/** Every stored checkpoint, smallest size first. */
export async function allCheckpoints(reader: AuditReader, pageSize = 4096): Promise<StoredCheckpoint[]> {
  const all: StoredCheckpoint[] = [];
  let after = -1;
  for (;;) {
    const page = await reader.readCheckpoints(after, pageSize);
    all.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return all;
    after = last.size;
  }
}
