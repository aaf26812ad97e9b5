// Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Every failure
// returns false rather than throwing: a proof comes from outside and a bad one is an answer, not a bug.

import { HASH_SIZE, nodeHash } from './merkle.js';
import { isOdd, isTreeSize } from './merkle-bits.js';

/** Whether `proof` shows the leaf with hash `leafHash` at `leafIndex` in the tree of `treeSize` with `root`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isTreeSize(leafIndex) || !isTreeSize(treeSize) || leafIndex >= treeSize) return false;
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || !hasHashSizedElements(proof)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false; // more proof than tree levels
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this node is the last one and has no right sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(root);
}

/**
 * Whether `proof` shows the tree of `size1` with `root1` to be a prefix of the tree of `size2` with `root2`.
 *
 * Following upstream transparency-dev/merkle, a proof from the empty tree (size1 = 0) is rejected,
 * even between two empty trees: every tree extends the empty one, so such a "proof" proves nothing and
 * accepting it only gives a caller the illusion of having checked something.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isTreeSize(size1) || !isTreeSize(size2) || size1 === 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(root2);
  if (proof.length === 0 || !hasHashSizedElements(proof)) return false;

  // When the old tree is a perfect subtree its root is the proof's unstated first element.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [first, ...rest] = path;
  if (first === undefined) return false;
  let fr: Uint8Array = first;
  let sr: Uint8Array = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(fr).equals(root1) && Buffer.from(sr).equals(root2);
}

function hasHashSizedElements(proof: readonly Uint8Array[]): boolean {
  return proof.every((p) => p.length === HASH_SIZE);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
