// One batch of audit entries turned into the rows a store writes: the entries with their leaf
// hashes, the tree nodes they complete, the new head and the checkpoint signed for the new size.
// Both stores call this inside their transaction, after reading the head under its lock, so the
// only way to a new checkpoint is by extending the tree that the previous checkpoint signed.

import { AppError } from '../errors.js';
import { formatCheckpoint, signCheckpoint } from './checkpoint.js';
import { encodeAuditEntry, type AuditEntry } from './entry.js';
import { HASH_SIZE, leafHash } from './merkle.js';
import { compactRange, extendRange, nodeKey, rangeRoot, type CompactRange } from './merkle-range.js';
import type { AuditAppendResult, AuditHead } from './log-store.js';
import type { AuditSigner } from './node-key.js';

export interface PlannedEntry {
  readonly index: number;
  readonly encoded: Buffer;
  readonly leaf: Buffer;
}

export interface PlannedAppend {
  readonly entries: readonly PlannedEntry[];
  /** Completed perfect subtrees of level ≥ 1, by nodeKey. */
  readonly nodes: readonly { readonly key: number; readonly hash: Buffer }[];
  readonly head: AuditHead;
  readonly checkpoint: { readonly size: number; readonly root: Buffer; readonly note: string; readonly signedAt: string };
  readonly result: AuditAppendResult;
}

/**
 * Plans the append of `entries` to the log whose head is `head` and whose latest checkpoint has
 * root `lastRoot` (undefined for an empty log). Refuses to sign when the head does not reproduce
 * that root: a damaged head would otherwise be signed into a checkpoint that forks the log.
 */
export function planAuditAppend(
  head: AuditHead,
  lastRoot: Buffer | undefined,
  entries: readonly AuditEntry[],
  signer: AuditSigner,
  signedAt: string,
): PlannedAppend {
  if (entries.length === 0) throw new AppError('bad_request', '没有要写入的审计记录', 'No audit entries to append');
  const range = decodeFrontier(head);
  const signedRoot = range.size === 0 ? undefined : rangeRoot(range);
  if (range.size > 0 && (lastRoot === undefined || !lastRoot.equals(signedRoot as Buffer))) {
    throw new AppError('internal', '审计日志头与最新检查点不符，拒绝签名：请运行 yima audit verify', 'The audit log head does not match its latest checkpoint; refusing to sign: run `yima audit verify`',
      `head size ${range.size}`);
  }
  const planned: PlannedEntry[] = entries.map((entry, i) => {
    const encoded = encodeAuditEntry(entry);
    return { index: range.size + i, encoded, leaf: leafHash(encoded) };
  });
  const extended = extendRange(range, planned.map((e) => e.leaf));
  const root = rangeRoot(extended.range);
  const size = extended.range.size;
  const note = signCheckpoint(formatCheckpoint({ origin: signer.name, size, root }), signer.name, signer.privateKey);
  return {
    entries: planned,
    nodes: extended.nodes.map((n) => ({ key: nodeKey(n.id), hash: n.hash })),
    head: { size, frontier: Buffer.concat(extended.range.hashes) },
    checkpoint: { size, root, note, signedAt },
    result: { firstIndex: range.size, size, root, checkpoint: note },
  };
}

/** The compact range stored in a head row; throws if its hashes do not fit its size. */
export function decodeFrontier(head: AuditHead): CompactRange {
  const hashes: Buffer[] = [];
  for (let at = 0; at + HASH_SIZE <= head.frontier.length; at += HASH_SIZE) hashes.push(head.frontier.subarray(at, at + HASH_SIZE));
  if (hashes.length * HASH_SIZE !== head.frontier.length) {
    throw new AppError('internal', '审计日志前沿节点不完整', 'Audit log frontier is incomplete', `${head.frontier.length} bytes`);
  }
  return compactRange(head.size, hashes);
}
