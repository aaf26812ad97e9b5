// The whole-log audit behind `yima audit verify`: recompute every leaf from its stored entry, every
// stored tree node, the root at each signed checkpoint, each checkpoint's signature and the
// consistency between successive checkpoints, and name the first place where any of them fails.
// Checkpoints are checked first (they are the trust anchors); then the log is walked in order, so
// "first" means the earliest log position. Storage is reached only through the arguments.

import type { KeyObject } from 'node:crypto';
import { isAppError } from '../errors.js';
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { leafHash } from './merkle.js';
import { verifyConsistency } from './merkle-verify.js';
import { EMPTY_RANGE, extendRange, rangeRoot, type CompactRange, type StoredNode } from './merkle-range.js';
import { proveConsistency, type NodeReader } from './merkle-proof.js';

export interface StoredEntry {
  readonly index: number;
  /** The canonical entry bytes as stored. */
  readonly encoded: Uint8Array;
  readonly leafHash: Uint8Array;
}

export type LogProblemKind =
  | 'leaf_mismatch' | 'missing_entry' | 'order' | 'node_mismatch'
  | 'bad_signature' | 'root_mismatch' | 'inconsistent_checkpoints' | 'rollback';

export interface LogProblem {
  readonly kind: LogProblemKind;
  /** The first entry concerned. */
  readonly index?: number;
  readonly checkpointSize?: number;
  /** For operators; holds positions and sizes only, never entry content. */
  readonly message: string;
}

export type LogVerification =
  | { readonly ok: true; readonly size: number; readonly checkpoints: number }
  | { readonly ok: false; readonly problem: LogProblem };

export interface VerifyLogInput {
  /** Every stored entry, in index order. */
  readonly entries: AsyncIterable<StoredEntry>;
  /** The stored tree nodes (level ≥ 1 are checked; level 0 is the entries' leaf hashes). */
  readonly nodes: NodeReader;
  /** The stored signed checkpoints, in the order they were signed. */
  readonly checkpoints: readonly string[];
  readonly keyName: string;
  readonly publicKey: KeyObject;
  /** The log's origin line; by default the key name. */
  readonly origin?: string;
}

const CHUNK = 1024;

export async function verifyLog(input: VerifyLogInput): Promise<LogVerification> {
  const anchors = checkCheckpoints(input);
  if (!Array.isArray(anchors)) return { ok: false, problem: anchors };
  const walk = new LogWalk(input.nodes, anchors);
  const problem = await walk.run(input.entries);
  return problem ? { ok: false, problem } : { ok: true, size: walk.size, checkpoints: anchors.length };
}

function checkCheckpoints(input: VerifyLogInput): Checkpoint[] | LogProblem {
  const origin = input.origin ?? input.keyName;
  const anchors: Checkpoint[] = [];
  for (const [i, text] of input.checkpoints.entries()) {
    const verdict = verifyCheckpoint(text, input.keyName, input.publicKey);
    if (!verdict.ok) return { kind: 'bad_signature', message: `checkpoint #${i + 1}: ${verdict.reason}` };
    const { checkpoint } = verdict;
    if (checkpoint.origin !== origin) {
      return { kind: 'bad_signature', checkpointSize: checkpoint.size, message: `checkpoint #${i + 1} is for another log` };
    }
    const previous = anchors.at(-1);
    if (previous && checkpoint.size < previous.size) {
      return { kind: 'rollback', checkpointSize: checkpoint.size,
        message: `checkpoint #${i + 1} (size ${checkpoint.size}) was signed after one of size ${previous.size}` };
    }
    anchors.push(checkpoint);
  }
  return anchors;
}

/** One pass over the entries, holding only the compact range and a bounded backlog. */
class LogWalk {
  private range: CompactRange = EMPTY_RANGE;
  private chunk: Buffer[] = [];
  private unchecked: StoredNode[] = [];
  private nextAnchor = 0;
  private lastAnchor: Checkpoint | undefined;

  constructor(private readonly nodes: NodeReader, private readonly anchors: readonly Checkpoint[]) {}

  get size(): number {
    return this.range.size + this.chunk.length;
  }

  async run(entries: AsyncIterable<StoredEntry>): Promise<LogProblem | undefined> {
    const problem = await this.checkAnchorsReached();
    if (problem) return problem;
    const iterator = entries[Symbol.asyncIterator]();
    try {
      return await this.walk(iterator);
    } finally {
      // Stopping at the first problem must still close the store's cursor.
      await iterator.return?.();
    }
  }

  private async walk(iterator: AsyncIterator<StoredEntry>): Promise<LogProblem | undefined> {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const entry = next.value;
      const expected = this.size;
      if (entry.index !== expected) {
        const following = entry.index > expected ? await iterator.next() : undefined;
        return (await this.drain()) ?? misplaced(entry.index, expected, following?.done ? undefined : following?.value);
      }
      const leaf = leafHash(entry.encoded);
      if (!leaf.equals(entry.leafHash)) {
        return (await this.drain()) ?? { kind: 'leaf_mismatch', index: expected,
          message: `entry ${expected} does not hash to its stored leaf` };
      }
      this.chunk.push(leaf);
      const anchor = this.anchors[this.nextAnchor];
      if (this.chunk.length >= CHUNK || anchor?.size === this.size) {
        const found = await this.drain();
        if (found) return found;
      }
    }
    const found = await this.drain();
    if (found) return found;
    const unreached = this.anchors[this.nextAnchor];
    if (unreached) {
      return { kind: 'rollback', index: this.size, checkpointSize: unreached.size,
        message: `the log holds ${this.size} entries but a checkpoint was signed at size ${unreached.size}` };
    }
    return undefined;
  }

  /** Adds the pending leaves to the tree, checks the nodes they complete and any checkpoint reached. */
  private async drain(): Promise<LogProblem | undefined> {
    const { range, nodes } = extendRange(this.range, this.chunk);
    this.range = range;
    this.chunk = [];
    this.unchecked.push(...nodes);
    return (await this.checkNodes()) ?? (await this.checkAnchorsReached());
  }

  private async checkNodes(): Promise<LogProblem | undefined> {
    const expected = this.unchecked;
    this.unchecked = [];
    if (expected.length === 0) return undefined;
    const stored = await this.nodes.findNodes(expected.map((n) => n.id));
    for (const [i, node] of expected.entries()) {
      if (stored[i]?.equals(node.hash)) continue;
      const first = node.id.index * 2 ** node.id.level;
      const last = first + 2 ** node.id.level - 1;
      return { kind: 'node_mismatch', index: first,
        message: `stored tree node over entries ${first}..${last} is ${stored[i] ? 'not the hash of those entries' : 'missing'}` };
    }
    return undefined;
  }

  private async checkAnchorsReached(): Promise<LogProblem | undefined> {
    for (let anchor = this.anchors[this.nextAnchor]; anchor?.size === this.range.size; anchor = this.anchors[this.nextAnchor]) {
      const size = anchor.size;
      if (!rangeRoot(this.range).equals(anchor.root)) {
        return { kind: 'root_mismatch', checkpointSize: size,
          message: `the entries do not hash to the root signed at size ${size}` };
      }
      const previous = this.lastAnchor;
      if (previous && !(await this.isConsistent(previous, anchor))) {
        return { kind: 'inconsistent_checkpoints', checkpointSize: size,
          message: `the checkpoint at size ${size} does not extend the one at size ${previous.size}` };
      }
      // A proof from the empty tree proves nothing (and is refused), so size 0 anchors nothing.
      if (size > 0) this.lastAnchor = anchor;
      this.nextAnchor++;
    }
    return undefined;
  }

  /** Checks the pair the way an outside auditor would: a proof from stored nodes against both roots. */
  private async isConsistent(older: Checkpoint, newer: Checkpoint): Promise<boolean> {
    try {
      const proof = older.size === newer.size ? [] : await proveConsistency(this.nodes, older.size, newer.size);
      return verifyConsistency(older.size, newer.size, older.root, newer.root, proof);
    } catch (error) {
      if (isAppError(error)) return false; // a stored node the proof needs is missing
      throw error;
    }
  }
}

function misplaced(index: number, expected: number, following: StoredEntry | undefined): LogProblem {
  if (index < expected) {
    return { kind: 'order', index, message: `entry ${index} appears again after entry ${expected - 1}` };
  }
  if (following?.index === expected) {
    return { kind: 'order', index: expected, message: `entry ${index} comes before entry ${expected}` };
  }
  return { kind: 'missing_entry', index: expected, message: `entry ${expected} is missing (next stored is ${index})` };
}
