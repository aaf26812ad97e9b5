// The audit log on PostgreSQL: the append that runs on the caller's connection inside its
// BEGIN/COMMIT, serialised across processes by a row lock on the head, and the reader the proofs,
// the verifier and the commands use. An append is three round trips: lock the head, read the
// latest checkpoint's root, then one statement that writes entries, nodes, checkpoint and head.

import type pg from 'pg';
import { AppError } from '../../errors.js';
import { planAuditAppend } from '../../audit/append-plan.js';
import type { AuditEntry } from '../../audit/entry.js';
import type { AuditAppendResult, AuditHead, AuditReader, StoredCheckpoint } from '../../audit/log-store.js';
import { nodeKey, type NodeId } from '../../audit/merkle-range.js';
import type { AuditSigner } from '../../audit/node-key.js';
import type { StoredEntry } from '../../audit/verify-log.js';

/** bigint columns come back as strings; every size and index here is below 2^53. */
type Big = string;
interface CheckpointRow { size: Big; root: Buffer; note: string; signed_at: string }

const writeAll = `
  with e as (insert into audit_entries (idx, entry, leaf) select * from unnest($1::bigint[], $2::bytea[], $3::bytea[])),
       n as (insert into audit_node (key, hash) select * from unnest($4::bigint[], $5::bytea[])),
       c as (insert into audit_checkpoints (size, root, note, signed_at) values ($6, $7, $8, $9))
  update audit_head set size = $6, frontier = $10 where id = 1`;

/**
 * Appends `entries` and signs a checkpoint for the new size on `client`, which must be inside a
 * transaction the caller commits. The head row stays locked until then, so another process's
 * append waits and then reads the head this one wrote.
 */
export async function appendAudit(client: pg.PoolClient, entries: readonly AuditEntry[], signer: AuditSigner, now: Date = new Date()): Promise<AuditAppendResult> {
  const { rows } = await client.query<{ size: Big; frontier: Buffer }>({
    name: 'audit_lock_head',
    text: 'select size, frontier from audit_head where id = 1 for update',
  });
  const row = rows[0];
  if (row === undefined) throw new AppError('internal', '审计日志头缺失', 'The audit log head row is missing');
  const size = Number(row.size);
  // A statement of its own: its snapshot is taken after the lock was granted, so it sees the
  // checkpoint of an append that committed while this one waited (a join in the locking
  // statement would read the old one).
  const last = size === 0 ? undefined : await client.query<{ root: Buffer }>({
    name: 'audit_last_root',
    text: 'select root from audit_checkpoints where size = $1',
    values: [size],
  });
  const plan = planAuditAppend({ size, frontier: row.frontier }, last?.rows[0]?.root, entries, signer, now.toISOString());
  const c = plan.checkpoint;
  await client.query({
    name: 'audit_write',
    text: writeAll,
    values: [
      plan.entries.map((e) => e.index), plan.entries.map((e) => e.encoded), plan.entries.map((e) => e.leaf),
      plan.nodes.map((n) => n.key), plan.nodes.map((n) => n.hash),
      c.size, c.root, c.note, c.signedAt, plan.head.frontier,
    ],
  });
  return plan.result;
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return { size: Number(row.size), root: row.root, note: row.note, signedAt: row.signed_at };
}

const checkpointColumns = 'select size, root, note, signed_at from audit_checkpoints';

export class PostgresAuditReader implements AuditReader {
  constructor(private readonly pool: pg.Pool) {}

  async head(): Promise<AuditHead> {
    const { rows } = await this.pool.query<{ size: Big; frontier: Buffer }>('select size, frontier from audit_head where id = 1');
    const row = rows[0];
    if (row === undefined) throw new AppError('internal', '审计日志头缺失', 'The audit log head row is missing');
    return { size: Number(row.size), frontier: row.frontier };
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query<CheckpointRow>(`${checkpointColumns} order by size desc limit 1`);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async findCheckpoint(size: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query<CheckpointRow>(`${checkpointColumns} where size = $1`, [size]);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async readCheckpoints(afterSize: number, limit: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query<CheckpointRow>(`${checkpointColumns} where size > $1 order by size limit $2`, [afterSize, limit]);
    return rows.map(toCheckpoint);
  }

  async readEntries(start: number, limit: number): Promise<StoredEntry[]> {
    const { rows } = await this.pool.query<{ idx: Big; entry: Buffer; leaf: Buffer }>({
      name: 'audit_read_entries',
      text: 'select idx, entry, leaf from audit_entries where idx >= $1 order by idx limit $2',
      values: [start, limit],
    });
    return rows.map((r) => ({ index: Number(r.idx), encoded: r.entry, leafHash: r.leaf }));
  }

  /** One round trip for any proof: the inner nodes and the leaves in one statement. */
  async findNodes(ids: readonly NodeId[]): Promise<(Buffer | undefined)[]> {
    const keys = ids.map(nodeKey);
    const inner = keys.filter((_, i) => (ids[i] as NodeId).level > 0);
    const leaves = ids.filter((id) => id.level === 0).map((id) => id.index);
    const { rows } = await this.pool.query<{ key: Big; hash: Buffer }>({
      name: 'audit_find_nodes',
      text: `select key, hash from audit_node where key = any($1::bigint[])
             union all select idx * 2, leaf from audit_entries where idx = any($2::bigint[])`,
      values: [inner, leaves],
    });
    const found = new Map(rows.map((r) => [Number(r.key), r.hash]));
    return keys.map((k) => found.get(k));
  }
}
