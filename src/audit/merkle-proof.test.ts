import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProofFromLeaves, inclusionProofFromLeaves, leafHash, rootFromLeafHashes } from './merkle.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';
import {
  appendLeaves,
  compactRange,
  EMPTY_RANGE,
  frontierNodeIds,
  nodeKey,
  rangeNodeIds,
  type NodeId,
  type StoredNode,
} from './merkle-range.js';
import {
  assembleProof,
  consistencyProofNodeIds,
  inclusionProofNodeIds,
  proveConsistency,
  proveInclusion,
  rootAt,
} from './merkle-proof.js';
import { MemoryTree } from './memory-tree.js';

const allLeaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`audit entry ${i}`)));

/** Appends the leaves in the given batch sizes; returns the tree and every node it was told to store. */
function buildInBatches(leaves: readonly Buffer[], batchSizes: readonly number[]): { tree: MemoryTree; roots: Buffer[] } {
  const tree = new MemoryTree();
  const roots: Buffer[] = [];
  let at = 0;
  for (const batch of batchSizes) {
    if (at >= leaves.length) break;
    roots.push(tree.append(leaves.slice(at, at + batch)));
    at += batch;
  }
  if (at < leaves.length) roots.push(tree.append(leaves.slice(at)));
  return { tree, roots };
}

describe('node ids', () => {
  it('numbers nodes in order, uniquely, below twice the tree size', () => {
    expect(nodeKey({ level: 0, index: 0 })).toBe(0);
    expect(nodeKey({ level: 1, index: 0 })).toBe(1);
    expect(nodeKey({ level: 0, index: 1 })).toBe(2);
    expect(nodeKey({ level: 2, index: 0 })).toBe(3);
    expect(nodeKey({ level: 1, index: 1 })).toBe(5);
    const keys = new Set<number>();
    for (let level = 0; level <= 8; level++) {
      for (let index = 0; index < 2 ** (8 - level); index++) keys.add(nodeKey({ level, index }));
    }
    expect(keys.size).toBe(511);
    expect(Math.max(...keys)).toBe(510);
  });

  it('takes a tree size apart into one perfect subtree per set bit, highest first', () => {
    expect(frontierNodeIds(0)).toEqual([]);
    expect(frontierNodeIds(13)).toEqual([{ level: 3, index: 0 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(rangeNodeIds(8, 15)).toEqual([{ level: 2, index: 2 }, { level: 1, index: 6 }, { level: 0, index: 14 }]);
    // An unaligned range climbs on the left and descends on the right.
    expect(rangeNodeIds(3, 13)).toEqual([{ level: 0, index: 3 }, { level: 2, index: 1 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(rangeNodeIds(5, 5)).toEqual([]);
    // Exact beyond 32 bits, where JavaScript's bitwise operators would wrap.
    expect(frontierNodeIds(2 ** 40 + 3)).toEqual([{ level: 40, index: 0 }, { level: 1, index: 2 ** 39 }, { level: 0, index: 2 ** 40 + 2 }]);
    expect(inclusionProofNodeIds(2 ** 41, 2 ** 41 + 1)).toEqual([[{ level: 41, index: 0 }]]);
  });
});

describe('appending from the compact range', () => {
  it('stores each perfect subtree exactly once and gives the RFC root whatever the batch sizes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
      (size, batches) => {
        const leaves = allLeaves.slice(0, size);
        const stored: StoredNode[] = [];
        let range = EMPTY_RANGE;
        let at = 0;
        for (const batch of [...batches, size]) {
          const result = appendLeaves(range, leaves.slice(at, Math.min(size, at + batch)));
          stored.push(...result.nodes);
          range = result.range;
          at = range.size;
          expect(result.root).toEqual(rootFromLeafHashes(leaves.slice(0, at)));
          if (at === size) break;
        }
        expect(range.size).toBe(size);
        // A tree of n leaves has n − popcount(n) completed inner perfect subtrees.
        expect(stored.length).toBe(size - popcount(size));
        expect(new Set(stored.map((n) => nodeKey(n.id))).size).toBe(stored.length);
        for (const node of stored) {
          const first = node.id.index * 2 ** node.id.level;
          expect(node.hash).toEqual(rootFromLeafHashes(leaves.slice(first, first + 2 ** node.id.level)));
        }
      }), { numRuns: 150 });
  });

  it('resumes from a compact range read back from stored nodes', async () => {
    const { tree } = buildInBatches(allLeaves.slice(0, 123), [50, 50]);
    const ids = frontierNodeIds(123);
    const hashes = (await tree.findNodes(ids)) as Buffer[];
    const resumed = appendLeaves(compactRange(123, hashes), allLeaves.slice(123, 200));
    expect(resumed.root).toEqual(rootFromLeafHashes(allLeaves.slice(0, 200)));
    expect(() => compactRange(123, hashes.slice(1))).toThrow();
  });
});

describe('proofs from stored nodes', () => {
  it('match the reference for every index of every size 1..300, reading O(log n) nodes', async () => {
    for (let size = 1; size <= 300; size++) {
      const leaves = allLeaves.slice(0, size);
      const { tree } = buildInBatches(leaves, [size % 7 + 1, 1000]);
      const root = rootFromLeafHashes(leaves);
      expect(await rootAt(tree, size)).toEqual(root);
      for (let index = 0; index < size; index++) {
        const ids = inclusionProofNodeIds(index, size);
        expect(ids.flat().length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size + 1)));
        const proof = await proveInclusion(tree, index, size);
        expect(verifyInclusion(index, size, leaves[index] as Buffer, proof, root)).toBe(true);
        // The reference rehashes the whole tree per proof, so compare it on a sample of indices.
        if (size <= 64 || index % 17 === 0 || index === size - 1) {
          expect(proof).toEqual(inclusionProofFromLeaves(index, leaves));
        }
      }
    }
  });

  it('prove inclusion in, and consistency between, earlier sizes of a grown tree', async () => {
    const { tree } = buildInBatches(allLeaves, [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    const pairs: [number, number][] = [];
    for (let size2 = 1; size2 <= 300; size2 += 7) {
      for (const size1 of [1, 2, Math.ceil(size2 / 3), size2 - 1, size2]) {
        if (size1 >= 1 && size1 <= size2) pairs.push([size1, size2]);
      }
    }
    pairs.push([64, 128], [63, 64], [127, 300], [256, 300], [299, 300]);
    for (const [size1, size2] of pairs) {
      const leaves = allLeaves.slice(0, size2);
      const proof = await proveConsistency(tree, size1, size2);
      expect(proof).toEqual(consistencyProofFromLeaves(size1, leaves));
      const root1 = rootFromLeafHashes(allLeaves.slice(0, size1));
      expect(verifyConsistency(size1, size2, root1, rootFromLeafHashes(leaves), proof)).toBe(true);
      expect(await rootAt(tree, size1)).toEqual(root1);
      const index = size1 - 1;
      expect(await proveInclusion(tree, index, size2)).toEqual(inclusionProofFromLeaves(index, leaves));
    }
  });

  it('refuses impossible requests, a proof from the empty tree, and a missing stored node', async () => {
    const { tree } = buildInBatches(allLeaves.slice(0, 10), []);
    expect(() => inclusionProofNodeIds(10, 10)).toThrow();
    expect(() => consistencyProofNodeIds(0, 10)).toThrow();
    expect(() => consistencyProofNodeIds(11, 10)).toThrow();
    tree.replaceNode({ level: 1, index: 0 }, undefined);
    await expect(proveInclusion(tree, 3, 10)).rejects.toThrow(/missing/);
    const ids: NodeId[][] = inclusionProofNodeIds(9, 10).map((e) => [...e]);
    expect(() => assembleProof(ids, [])).toThrow();
  });
});

function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}
