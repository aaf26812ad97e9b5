// RFC 6962 / RFC 9162 §2.1 Merkle tree hashing over SHA-256, and the reference (whole-list) forms of
// the tree hash and of inclusion and consistency proofs. The reference forms follow the RFC's
// recursive definitions literally; the stored-node forms in merkle-range.ts and merkle-proof.ts are
// tested against them.

import { hash } from 'node:crypto';
import { AppError } from '../errors.js';
import { largestPowerOfTwoBelow } from './merkle-bits.js';

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', new Uint8Array(0), 'buffer');

/** SHA-256(0x00 || data): the 0x00 prefix keeps a leaf from ever passing for an inner node. */
export function leafHash(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = 0x00;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(left.length + right.length + 1);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, left.length + 1);
  return hash('sha256', input, 'buffer');
}

/** MTH(D[n]) from the leaf hashes, by the RFC's recursion (split at the largest power of two < n). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  return subtreeHash(leafHashes, 0, leafHashes.length);
}

function subtreeHash(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return Buffer.from(leafAt(leaves, start));
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(subtreeHash(leaves, start, start + k), subtreeHash(leaves, start + k, end));
}

function leafAt(leaves: readonly Uint8Array[], i: number): Uint8Array {
  const leaf = leaves[i];
  if (leaf === undefined) throw new AppError('internal', '默克尔树叶子缺失', 'Merkle leaf missing');
  return leaf;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), computed from every leaf hash: the reference implementation. */
export function inclusionProofFromLeaves(index: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw badProofRequest(`inclusion index ${index} outside tree of size ${leafHashes.length}`);
  }
  const proof: Buffer[] = [];
  collectPath(leafHashes, index, 0, leafHashes.length, proof);
  return proof;
}

function collectPath(leaves: readonly Uint8Array[], m: number, start: number, end: number, out: Buffer[]): void {
  const n = end - start;
  if (n === 1) return;
  const k = largestPowerOfTwoBelow(n);
  if (m < k) {
    collectPath(leaves, m, start, start + k, out);
    out.push(subtreeHash(leaves, start + k, end));
  } else {
    collectPath(leaves, m - k, start + k, end, out);
    out.push(subtreeHash(leaves, start, start + k));
  }
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m <= n, computed from every leaf hash. */
export function consistencyProofFromLeaves(size1: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > leafHashes.length) {
    throw badProofRequest(`consistency from size ${size1} to size ${leafHashes.length}`);
  }
  const proof: Buffer[] = [];
  collectSubproof(leafHashes, size1, 0, leafHashes.length, true, proof);
  return proof;
}

function collectSubproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  isWholeOldTree: boolean,
  out: Buffer[],
): void {
  const n = end - start;
  if (m === n) {
    // The verifier already holds the old root when the old tree is this whole subtree.
    if (!isWholeOldTree) out.push(subtreeHash(leaves, start, end));
    return;
  }
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    collectSubproof(leaves, m, start, start + k, isWholeOldTree, out);
    out.push(subtreeHash(leaves, start + k, end));
  } else {
    collectSubproof(leaves, m - k, start + k, end, false, out);
    out.push(subtreeHash(leaves, start, start + k));
  }
}

export function badProofRequest(detail: string): AppError {
  return new AppError('bad_request', '无法为该树大小生成证明', 'No proof exists for these tree sizes', detail);
}
