// Inclusion and consistency proofs from stored perfect-subtree nodes, reading O(log n) of them. A
// proof element is either one stored node or, on the tree's non-perfect right edge, the RFC 6962 hash
// of a range rebuilt from the stored perfect subtrees covering it. Planning which nodes to read is
// pure; reading them goes through the NodeReader the store supplies.

import { AppError } from '../errors.js';
import { badProofRequest } from './merkle.js';
import { isTreeSize, largestPowerOfTwoBelow } from './merkle-bits.js';
import { foldRight, frontierNodeIds, rangeNodeIds, type NodeId } from './merkle-range.js';

/** What a store provides: the hashes of stored perfect subtrees (level 0 = leaf hashes). */
export interface NodeReader {
  /** Hashes in the order of `ids`; undefined for a node the store does not hold. */
  findNodes(ids: readonly NodeId[]): Promise<(Buffer | undefined)[]>;
}

/** One proof element: the hash of the leaves these perfect subtrees cover, left to right. */
export type ProofElementIds = readonly NodeId[];

type LeafRange = readonly [start: number, end: number];

/** The nodes behind RFC 9162 §2.1.3.1 PATH(index, D[size]), bottom-up like the proof itself. */
export function inclusionProofNodeIds(index: number, size: number): ProofElementIds[] {
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size) {
    throw badProofRequest(`inclusion index ${index} outside tree of size ${size}`);
  }
  const topDown: LeafRange[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
    }
  }
  return toElements(topDown);
}

/**
 * The nodes behind RFC 9162 §2.1.4.1 PROOF(size1, D[size2]). Like the verifier, this refuses
 * size1 = 0: a proof from the empty tree proves nothing (upstream transparency-dev/merkle agrees).
 */
export function consistencyProofNodeIds(size1: number, size2: number): ProofElementIds[] {
  if (!isTreeSize(size1) || !isTreeSize(size2) || size1 < 1 || size1 > size2) {
    throw badProofRequest(`consistency from size ${size1} to size ${size2}`);
  }
  const topDown: LeafRange[] = [];
  let start = 0;
  let n = size2;
  let m = size1;
  let isWholeOldTree = true;
  while (m !== n) {
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
      isWholeOldTree = false;
    }
  }
  // The innermost subtree is the old tree's last piece; the verifier has it already only when the
  // old tree is that whole subtree.
  if (!isWholeOldTree) topDown.push([start, start + n]);
  return toElements(topDown);
}

function toElements(topDown: readonly LeafRange[]): ProofElementIds[] {
  return topDown.map(([start, end]) => rangeNodeIds(start, end)).reverse();
}

/** Builds the proof from the hashes of elements.flat(), given in that order. */
export function assembleProof(elements: readonly ProofElementIds[], hashes: readonly Buffer[]): Buffer[] {
  const needed = elements.reduce((sum, ids) => sum + ids.length, 0);
  if (hashes.length !== needed) {
    throw missingNodes(`${hashes.length} hashes for ${needed} nodes`);
  }
  const proof: Buffer[] = [];
  let at = 0;
  for (const ids of elements) {
    proof.push(foldRight(hashes.slice(at, at + ids.length)));
    at += ids.length;
  }
  return proof;
}

/** Reads the nodes, throwing if the store lacks one (a proof must never be built from a gap). */
export async function getNodes(reader: NodeReader, ids: readonly NodeId[]): Promise<Buffer[]> {
  const found = await reader.findNodes(ids);
  return ids.map((id, i) => {
    const hash = found[i];
    if (hash === undefined) throw missingNodes(`node level ${id.level} index ${id.index}`);
    return hash;
  });
}

export async function proveInclusion(reader: NodeReader, index: number, size: number): Promise<Buffer[]> {
  const elements = inclusionProofNodeIds(index, size);
  return assembleProof(elements, await getNodes(reader, elements.flat()));
}

export async function proveConsistency(reader: NodeReader, size1: number, size2: number): Promise<Buffer[]> {
  const elements = consistencyProofNodeIds(size1, size2);
  return assembleProof(elements, await getNodes(reader, elements.flat()));
}

/** The root of the tree of `size` leaves from stored nodes (the empty tree's root for size 0). */
export async function rootAt(reader: NodeReader, size: number): Promise<Buffer> {
  if (!isTreeSize(size)) throw badProofRequest(`tree size ${size}`);
  return foldRight(await getNodes(reader, frontierNodeIds(size)));
}

function missingNodes(detail: string): AppError {
  return new AppError('internal', '审计日志缺少树节点', 'Audit log is missing tree nodes', detail);
}
