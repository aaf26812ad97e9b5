// The audit log on SQLite: the synchronous append that runs inside a caller's better-sqlite3
// transaction (so an operation and its audit entries commit or fail together), and the reader the
// proofs, the verifier and the commands use. Prepared statements are made once per connection.

import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../errors.js';
import { planAuditAppend } from '../../audit/append-plan.js';
import type { AuditEntry } from '../../audit/entry.js';
import type { AuditAppendResult, AuditHead, AuditReader, StoredCheckpoint } from '../../audit/log-store.js';
import { nodeKey, type NodeId } from '../../audit/merkle-range.js';
import type { AuditSigner } from '../../audit/node-key.js';
import type { StoredEntry } from '../../audit/verify-log.js';

type Db = BetterSqlite3.Database;
type Statements = ReturnType<typeof prepare>;

interface CheckpointRow { size: number; root: Buffer; note: string; signed_at: string }

const prepared = new WeakMap<Db, Statements>();

function prepare(db: Db) {
  return {
    head: db.prepare<[], AuditHead>('select size, frontier from audit_head where id = 1'),
    checkpointRoot: db.prepare<[number], { root: Buffer }>('select root from audit_checkpoints where size = ?'),
    insertEntry: db.prepare<[number, Buffer, Buffer]>('insert into audit_entries (idx, entry, leaf) values (?, ?, ?)'),
    insertNode: db.prepare<[number, Buffer]>('insert into audit_node (key, hash) values (?, ?)'),
    insertCheckpoint: db.prepare<[number, Buffer, string, string]>('insert into audit_checkpoints (size, root, note, signed_at) values (?, ?, ?, ?)'),
    updateHead: db.prepare<[number, Buffer]>('update audit_head set size = ?, frontier = ? where id = 1'),
    latest: db.prepare<[], CheckpointRow>('select size, root, note, signed_at from audit_checkpoints order by size desc limit 1'),
    checkpoint: db.prepare<[number], CheckpointRow>('select size, root, note, signed_at from audit_checkpoints where size = ?'),
    checkpoints: db.prepare<[number, number], CheckpointRow>('select size, root, note, signed_at from audit_checkpoints where size > ? order by size limit ?'),
    entries: db.prepare<[number, number], { idx: number; entry: Buffer; leaf: Buffer }>('select idx, entry, leaf from audit_entries where idx >= ? order by idx limit ?'),
    // Keys as one JSON array: one statement serves any number of nodes. Leaves (level 0) live in
    // audit_entries; their nodeKey is 2·idx, which never collides with the odd keys above them.
    nodes: db.prepare<[string, string], { key: number; hash: Buffer }>(
      `select key, hash from audit_node where key in (select value from json_each(?))
       union all select idx * 2, leaf from audit_entries where idx in (select value from json_each(?))`,
    ),
  };
}

function statements(db: Db): Statements {
  let s = prepared.get(db);
  if (s === undefined) {
    s = prepare(db);
    prepared.set(db, s);
  }
  return s;
}

/**
 * Appends `entries` and signs a checkpoint for the new size, inside the caller's transaction (use
 * `db.transaction(fn).immediate(...)`, so the head is read under the write lock). Throws if no
 * transaction is open: the entries would otherwise not share the fate of what they record.
 */
export function appendAuditSync(db: Db, entries: readonly AuditEntry[], signer: AuditSigner, now: Date = new Date()): AuditAppendResult {
  if (!db.inTransaction) {
    throw new AppError('internal', '审计记录必须在事务内写入', 'Audit entries must be appended inside a transaction');
  }
  const s = statements(db);
  const head = s.head.get();
  if (head === undefined) throw new AppError('internal', '审计日志头缺失', 'The audit log head row is missing');
  const last = head.size > 0 ? s.checkpointRoot.get(head.size)?.root : undefined;
  const plan = planAuditAppend(head, last, entries, signer, now.toISOString());
  for (const e of plan.entries) s.insertEntry.run(e.index, e.encoded, e.leaf);
  for (const n of plan.nodes) s.insertNode.run(n.key, n.hash);
  const c = plan.checkpoint;
  s.insertCheckpoint.run(c.size, c.root, c.note, c.signedAt);
  s.updateHead.run(plan.head.size, plan.head.frontier);
  return plan.result;
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return { size: row.size, root: row.root, note: row.note, signedAt: row.signed_at };
}

/** Reads the log. Every method reads whole pages, so no statement stays open between calls. */
export class SqliteAuditReader implements AuditReader {
  constructor(private readonly db: Db) {}

  private get s(): Statements {
    return statements(this.db);
  }

  head(): Promise<AuditHead> {
    const row = this.s.head.get();
    return row === undefined ? Promise.reject(new AppError('internal', '审计日志头缺失', 'The audit log head row is missing')) : Promise.resolve(row);
  }

  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = this.s.latest.get();
    return Promise.resolve(row && toCheckpoint(row));
  }

  findCheckpoint(size: number): Promise<StoredCheckpoint | undefined> {
    const row = this.s.checkpoint.get(size);
    return Promise.resolve(row && toCheckpoint(row));
  }

  readCheckpoints(afterSize: number, limit: number): Promise<StoredCheckpoint[]> {
    return Promise.resolve(this.s.checkpoints.all(afterSize, limit).map(toCheckpoint));
  }

  readEntries(start: number, limit: number): Promise<StoredEntry[]> {
    return Promise.resolve(this.s.entries.all(start, limit).map((r) => ({ index: r.idx, encoded: r.entry, leafHash: r.leaf })));
  }

  findNodes(ids: readonly NodeId[]): Promise<(Buffer | undefined)[]> {
    const keys = ids.map(nodeKey);
    const inner = keys.filter((k, i) => (ids[i] as NodeId).level > 0);
    const leaves = ids.filter((id) => id.level === 0).map((id) => id.index);
    const found = new Map<number, Buffer>();
    for (const row of this.s.nodes.all(JSON.stringify(inner), JSON.stringify(leaves))) found.set(row.key, row.hash);
    return Promise.resolve(keys.map((k) => found.get(k)));
  }
}
