import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  consistencyProofFromLeaves,
  inclusionProofFromLeaves,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
} from './merkle.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';

// The eight leaves of the upstream test vectors, and the size-8 root published beside them.
const leafData = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map((hex) => Buffer.from(hex, 'hex'));
const leaves = leafData.map(leafHash);

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree, a leaf and a node with their domain prefixes', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash(new Uint8Array(0)).toString('hex'))
      .toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = Buffer.alloc(32, 0xaa);
    const b = Buffer.alloc(32, 0xbb);
    expect(nodeHash(a, b)).toEqual(sha256(Buffer.from([1]), a, b));
    expect(leafHash(a)).toEqual(sha256(Buffer.from([0]), a));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
  });

  it('gives the published root for the eight test leaves', () => {
    expect(rootFromLeafHashes(leaves).toString('hex'))
      .toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('splits at the largest power of two below n (size 3 and 5 by hand)', () => {
    const [l0, l1, l2, l3, l4] = leaves as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(rootFromLeafHashes([l0, l1, l2])).toEqual(nodeHash(nodeHash(l0, l1), l2));
    expect(rootFromLeafHashes([l0, l1, l2, l3, l4])).toEqual(nodeHash(nodeHash(nodeHash(l0, l1), nodeHash(l2, l3)), l4));
    expect(rootFromLeafHashes([l0])).toEqual(l0);
    expect(rootFromLeafHashes([])).toEqual(EMPTY_ROOT);
  });
});

describe('reference proofs', () => {
  it('builds the RFC 9162 example proofs for the seven-leaf tree (§2.1.5)', () => {
    const [a, b, c, d, e, f, g] = leaves as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const seven = leaves.slice(0, 7);
    const k = nodeHash(e, f);
    const ij = nodeHash(nodeHash(a, b), nodeHash(c, d));
    // The RFC names: inclusion proof for d0 is [b, h, l]; for d3 is [c, g, l]; for d4 is [f, j, k]; for d6 is [l, i].
    expect(inclusionProofFromLeaves(0, seven)).toEqual([b, nodeHash(c, d), nodeHash(k, g)]);
    expect(inclusionProofFromLeaves(3, seven)).toEqual([c, nodeHash(a, b), nodeHash(k, g)]);
    expect(inclusionProofFromLeaves(4, seven)).toEqual([f, g, ij]);
    expect(inclusionProofFromLeaves(6, seven)).toEqual([k, ij]);
    // Consistency: (3 → 7) is [c, d, g, l]; (4 → 7) is [l]; (6 → 7) is [i, j, k].
    expect(consistencyProofFromLeaves(3, seven)).toEqual([c, d, nodeHash(a, b), nodeHash(k, g)]);
    expect(consistencyProofFromLeaves(4, seven)).toEqual([nodeHash(k, g)]);
    expect(consistencyProofFromLeaves(6, seven)).toEqual([k, g, ij]);
    expect(consistencyProofFromLeaves(7, seven)).toEqual([]);
  });

  it('refuses indices and sizes that have no proof', () => {
    expect(() => inclusionProofFromLeaves(8, leaves)).toThrow();
    expect(() => inclusionProofFromLeaves(-1, leaves)).toThrow();
    expect(() => consistencyProofFromLeaves(0, leaves)).toThrow();
    expect(() => consistencyProofFromLeaves(9, leaves)).toThrow();
  });

  it('every proof in trees of 1..64 leaves verifies, and fails for the next index or a newer root', () => {
    const many = Array.from({ length: 64 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    for (let size = 1; size <= many.length; size++) {
      const tree = many.slice(0, size);
      const root = rootFromLeafHashes(tree);
      const nextRoot = rootFromLeafHashes(many.slice(0, size + 1));
      for (let i = 0; i < size; i++) {
        const proof = inclusionProofFromLeaves(i, tree);
        expect(verifyInclusion(i, size, tree[i] as Buffer, proof, root)).toBe(true);
        if (size > 1) expect(verifyInclusion((i + 1) % size, size, tree[i] as Buffer, proof, root)).toBe(false);
        // A proof against an older tree does not pass for the newer tree that also holds the leaf.
        if (size < many.length) expect(verifyInclusion(i, size + 1, tree[i] as Buffer, proof, nextRoot)).toBe(false);
      }
      for (let m = 1; m <= size; m++) {
        const proof = consistencyProofFromLeaves(m, tree);
        const oldRoot = rootFromLeafHashes(tree.slice(0, m));
        expect(verifyConsistency(m, size, oldRoot, root, proof)).toBe(true);
        if (m < size) {
          expect(verifyConsistency(m, size, root, oldRoot, proof)).toBe(false);
          if (size < many.length) expect(verifyConsistency(m, size + 1, oldRoot, nextRoot, proof)).toBe(false);
        }
      }
    }
  });
});
