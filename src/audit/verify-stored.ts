// `yima audit verify` over a store: verifyLog (every leaf, node, checkpoint signature and the
// consistency between checkpoints) plus what only a stored log has: the checkpoint rows' columns
// against their signed notes, the appender's head against the tree, and entries no checkpoint signs.
// Checkpoints kept outside the store (by an auditor, another node) can be added: they are what
// catches a rollback that also deleted the later checkpoints, which the store alone cannot show.

import { verifyCheckpoint } from './checkpoint.js';
import { allCheckpoints, allEntries, type AuditReader, type StoredCheckpoint } from './log-store.js';
import { getNodes } from './merkle-proof.js';
import { frontierNodeIds } from './merkle-range.js';
import type { AuditVerifier } from './node-key.js';
import { verifyLog, type LogProblem, type LogProblemKind } from './verify-log.js';

export type StoredLogProblemKind = LogProblemKind | 'checkpoint_mismatch' | 'head_mismatch' | 'unsigned_entries';

export interface StoredLogProblem extends Omit<LogProblem, 'kind'> {
  readonly kind: StoredLogProblemKind;
}

export type StoredLogVerification =
  | { readonly ok: true; readonly size: number; readonly checkpoints: number }
  | { readonly ok: false; readonly problem: StoredLogProblem };

export interface VerifyStoredOptions {
  /** Signed checkpoints kept outside the store; each must be one of the log's states. */
  readonly trusted?: readonly string[];
}

export async function verifyStoredLog(reader: AuditReader, verifier: AuditVerifier, options: VerifyStoredOptions = {}): Promise<StoredLogVerification> {
  const stored = await allCheckpoints(reader);
  const trusted = options.trusted ?? [];
  const anchorProblem = checkStoredCheckpoints(stored, verifier) ?? checkTrusted(trusted, verifier);
  if (anchorProblem) return { ok: false, problem: anchorProblem };

  const verdict = await verifyLog({
    entries: allEntries(reader),
    nodes: reader,
    checkpoints: mergeBySize(stored, trusted, verifier),
    keyName: verifier.name,
    publicKey: verifier.publicKey,
  });
  if (!verdict.ok) return verdict;

  const problem = await checkHeadAndTail(reader, verdict.size, stored.at(-1));
  return problem ? { ok: false, problem } : { ok: true, size: verdict.size, checkpoints: stored.length };
}

function checkStoredCheckpoints(stored: readonly StoredCheckpoint[], verifier: AuditVerifier): StoredLogProblem | undefined {
  for (const row of stored) {
    const verdict = verifyCheckpoint(row.note, verifier.name, verifier.publicKey);
    if (!verdict.ok) {
      return { kind: 'bad_signature', checkpointSize: row.size, message: `the checkpoint stored for size ${row.size}: ${verdict.reason}` };
    }
    const { size, root } = verdict.checkpoint;
    if (size !== row.size || !root.equals(row.root)) {
      return { kind: 'checkpoint_mismatch', checkpointSize: row.size, message: `the checkpoint row for size ${row.size} does not match its signed note (size ${size})` };
    }
  }
  return undefined;
}

function checkTrusted(trusted: readonly string[], verifier: AuditVerifier): StoredLogProblem | undefined {
  for (const [i, note] of trusted.entries()) {
    const verdict = verifyCheckpoint(note, verifier.name, verifier.publicKey);
    if (!verdict.ok) return { kind: 'bad_signature', message: `outside checkpoint #${i + 1}: ${verdict.reason}` };
  }
  return undefined;
}

/** The stored notes and the outside ones in one list by size (verifyLog wants signing order). */
function mergeBySize(stored: readonly StoredCheckpoint[], trusted: readonly string[], verifier: AuditVerifier): string[] {
  const known = new Set(stored.map((c) => c.note));
  const extra = trusted.filter((note) => !known.has(note)).map((note) => {
    const verdict = verifyCheckpoint(note, verifier.name, verifier.publicKey);
    return { size: verdict.ok ? verdict.checkpoint.size : 0, note };
  });
  return [...stored, ...extra].sort((a, b) => a.size - b.size).map((c) => c.note);
}

async function checkHeadAndTail(reader: AuditReader, size: number, last: StoredCheckpoint | undefined): Promise<StoredLogProblem | undefined> {
  const signed = last?.size ?? 0;
  if (size > signed) {
    return { kind: 'unsigned_entries', index: signed, message: `entries ${signed}..${size - 1} are not covered by any signed checkpoint` };
  }
  const head = await reader.head();
  if (head.size !== size) {
    return { kind: 'head_mismatch', index: Math.min(head.size, size), message: `the log head says ${head.size} entries, the log holds ${size}` };
  }
  const frontier = Buffer.concat(await getNodes(reader, frontierNodeIds(size)));
  if (!frontier.equals(head.frontier)) {
    return { kind: 'head_mismatch', index: size, message: 'the log head does not hold the hashes of the tree it heads' };
  }
  return undefined;
}
