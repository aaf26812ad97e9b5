// Stored Merkle nodes and the append step. Only perfect subtrees are ever stored: the node at
// (level, index) covers leaves [index·2^level, (index+1)·2^level) and, once complete, never changes,
// so storage is insert-only. The right edge of a tree that is not a perfect power of two is never
// stored; it is rebuilt from the compact range (the perfect subtrees left of the edge, one per set
// bit of the size), which is also all an appender needs to hold: O(log n) hashes.

import { AppError } from '../errors.js';
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './merkle.js';
import { bitLength, hasBit, isTreeSize, shiftRight, trailingZeros } from './merkle-bits.js';

/** A perfect subtree: level 0 is a leaf hash, level L covers 2^L leaves. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode {
  readonly id: NodeId;
  readonly hash: Buffer;
}

/**
 * One integer per node for a store's primary key: the in-order position of the node in an infinite
 * perfect tree (leaf i → 2i, node (L, i) → i·2^(L+1) + 2^L − 1). Nodes are completed in nearly
 * increasing key order, so inserts land at the right end of the index, and keys stay below 2·size.
 */
export function nodeKey(id: NodeId): number {
  return id.index * 2 ** (id.level + 1) + 2 ** id.level - 1;
}

/** The perfect subtrees whose hashes make up the compact range of [0, size), highest level first. */
export function frontierNodeIds(size: number): NodeId[] {
  return rangeNodeIds(0, size);
}

/**
 * The maximal perfect subtrees covering leaves [start, end), left to right. For the ranges a proof
 * asks for (start aligned to a power of two at least end − start), the RFC 6962 hash of the range
 * is the right fold of these nodes' hashes.
 */
export function rangeNodeIds(start: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  let at = start;
  while (at < end) {
    // As high as `at` is aligned to, but no wider than what is left.
    const fits = bitLength(end - at) - 1;
    const level = at === 0 ? fits : Math.min(trailingZeros(at), fits);
    ids.push({ level, index: shiftRight(at, level) });
    at += 2 ** level;
  }
  return ids;
}

/** Hash of consecutive perfect subtrees as RFC 6962 builds it: right to left, nodeHash(left, rest). */
export function foldRight(hashes: readonly Buffer[]): Buffer {
  let root: Buffer | undefined;
  for (let i = hashes.length - 1; i >= 0; i--) {
    const h = hashes[i] as Buffer;
    root = root === undefined ? h : nodeHash(h, root);
  }
  return root ?? EMPTY_ROOT;
}

/** The right frontier of a tree of `size` leaves: the hashes of frontierNodeIds(size), in that order. */
export interface CompactRange {
  readonly size: number;
  readonly hashes: readonly Buffer[];
}

export const EMPTY_RANGE: CompactRange = { size: 0, hashes: [] };

/** Builds a compact range from the stored hashes of frontierNodeIds(size), checking their count and length. */
export function compactRange(size: number, hashes: readonly Buffer[]): CompactRange {
  const expected = frontierNodeIds(size).length;
  if (!isTreeSize(size) || hashes.length !== expected || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new AppError('internal', '审计日志前沿节点不完整', 'Audit log frontier is incomplete',
      `size ${size}: ${hashes.length} hashes, expected ${expected}`);
  }
  return { size, hashes: [...hashes] };
}

export function rangeRoot(range: CompactRange): Buffer {
  return foldRight(range.hashes);
}

export interface AppendResult {
  readonly range: CompactRange;
  readonly root: Buffer;
  /** The perfect subtrees (level ≥ 1) completed by this batch, to store. Level 0 is the leaf hashes themselves. */
  readonly nodes: StoredNode[];
}

/** Appends leaf hashes to a tree given only its compact range; returns the new range, root and nodes. */
export function appendLeaves(range: CompactRange, leafHashes: readonly Uint8Array[]): AppendResult {
  const { range: next, nodes } = extendRange(range, leafHashes);
  return { range: next, root: rangeRoot(next), nodes };
}

/** appendLeaves without the root, which costs O(log n) hashes a caller may not need each time. */
export function extendRange(range: CompactRange, leafHashes: readonly Uint8Array[]): { range: CompactRange; nodes: StoredNode[] } {
  const stack = [...range.hashes];
  const nodes: StoredNode[] = [];
  let size = range.size;
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) {
      throw new AppError('internal', '审计叶子哈希长度错误', 'Audit leaf hash has the wrong length', `leaf ${size}`);
    }
    // Like a binary counter's carry: each set low bit of the size is a left sibling to merge with.
    let carry: Buffer = Buffer.from(leaf);
    let level = 0;
    while (hasBit(size, level)) {
      const left = stack.pop() as Buffer;
      carry = nodeHash(left, carry);
      level++;
      nodes.push({ id: { level, index: shiftRight(size, level) }, hash: carry });
    }
    stack.push(carry);
    size++;
  }
  return { range: { size, hashes: stack }, nodes };
}
