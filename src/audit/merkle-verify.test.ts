import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProofFromLeaves, inclusionProofFromLeaves, leafHash, rootFromLeafHashes } from './merkle.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';

// The upstream transparency-dev/merkle vectors live beside the repository (see the issue); a missing
// folder fails the test rather than skipping it.
const vectorDir = process.env.RFC6962_TESTDATA ??
  fileURLToPath(new URL('../../../shared/testdata/rfc6962', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
// Upstream writes an absent proof as null.
const proofOf = (proof: string[] | null): Buffer[] => (proof ?? []).map(b64);

interface InclusionCase { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean }
interface ConsistencyCase { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean }

function load<T>(kind: string): { file: string; c: T }[] {
  return jsonFiles(join(vectorDir, kind)).map((file) => ({ file, c: JSON.parse(readFileSync(file, 'utf8')) as T }));
}

const eightLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map((hex) => leafHash(Buffer.from(hex, 'hex')));

describe('upstream RFC 6962 vectors', () => {
  const inclusion = load<InclusionCase>('inclusion');
  const consistency = load<ConsistencyCase>('consistency');

  it('has the whole set of cases', () => {
    expect(inclusion.length + consistency.length).toBe(196);
    expect(inclusion.filter(({ c }) => c.wantErr).length).toBeGreaterThan(60);
  });

  it('accepts each valid inclusion proof and rejects each tampered one', () => {
    const wrong = inclusion.filter(({ c }) =>
      verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), proofOf(c.proof), b64(c.root)) === c.wantErr);
    expect(wrong.map(({ file, c }) => `${file}: ${c.desc}`)).toEqual([]);
  });

  it('accepts each valid consistency proof and rejects each tampered one, including every size1 = 0 case', () => {
    const wrong = consistency.filter(({ c }) =>
      verifyConsistency(c.size1, c.size2, b64(c.root1), b64(c.root2), proofOf(c.proof)) === c.wantErr);
    expect(wrong.map(({ file, c }) => `${file}: ${c.desc}`)).toEqual([]);
    const fromEmpty = consistency.filter(({ c }) => c.size1 === 0);
    expect(fromEmpty.length).toBeGreaterThan(0);
    expect(fromEmpty.every(({ c }) => c.wantErr)).toBe(true);
  });

  it('generates exactly the happy-path proofs from the eight leaves', () => {
    const happyInclusion = inclusion.filter(({ c }) => !c.wantErr && c.treeSize > 1);
    expect(happyInclusion.length).toBeGreaterThan(3);
    for (const { c } of happyInclusion) {
      expect(b64(c.leafHash)).toEqual(eightLeaves[c.leafIdx]);
      const tree = eightLeaves.slice(0, c.treeSize);
      expect(rootFromLeafHashes(tree)).toEqual(b64(c.root));
      expect(inclusionProofFromLeaves(c.leafIdx, tree)).toEqual(proofOf(c.proof));
    }
    const happyConsistency = consistency.filter(({ c }) => !c.wantErr && c.size1 < c.size2);
    expect(happyConsistency.length).toBeGreaterThan(3);
    for (const { c } of happyConsistency) {
      const tree = eightLeaves.slice(0, c.size2);
      expect(rootFromLeafHashes(eightLeaves.slice(0, c.size1))).toEqual(b64(c.root1));
      expect(consistencyProofFromLeaves(c.size1, tree)).toEqual(proofOf(c.proof));
    }
  });
});

describe('tampered proofs (property)', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

  it('rejects an inclusion proof with any one bit flipped, element dropped or element added', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }),
      (size, rawIndex, rawElement, bit) => {
        const tree = leaves.slice(0, size);
        const index = rawIndex % size;
        const proof = inclusionProofFromLeaves(index, tree);
        const root = rootFromLeafHashes(tree);
        const leaf = tree[index] as Buffer;
        const at = rawElement % proof.length;
        const flipped = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
        expect(verifyInclusion(index, size, leaf, flipped, root)).toBe(false);
        expect(verifyInclusion(index, size, leaf, proof.filter((_, i) => i !== at), root)).toBe(false);
        expect(verifyInclusion(index, size, leaf, [...proof, leaf], root)).toBe(false);
        expect(verifyInclusion(index, size, flipBit(leaf, bit), proof, root)).toBe(false);
        expect(verifyInclusion(index, size, leaf, proof, flipBit(root, bit))).toBe(false);
      }), { numRuns: 300 });
  });

  it('rejects a consistency proof with any one bit flipped or element dropped', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }),
      (size2, rawSize1, rawElement, bit) => {
        const size1 = 1 + (rawSize1 % (size2 - 1));
        const tree = leaves.slice(0, size2);
        const proof = consistencyProofFromLeaves(size1, tree);
        const root1 = rootFromLeafHashes(tree.slice(0, size1));
        const root2 = rootFromLeafHashes(tree);
        expect(verifyConsistency(size1, size2, root1, root2, proof)).toBe(true);
        const at = rawElement % proof.length;
        const flipped = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
        expect(verifyConsistency(size1, size2, root1, root2, flipped)).toBe(false);
        expect(verifyConsistency(size1, size2, root1, root2, proof.filter((_, i) => i !== at))).toBe(false);
        expect(verifyConsistency(size1, size2, flipBit(root1, bit), root2, proof)).toBe(false);
        expect(verifyConsistency(size1, size2, root1, flipBit(root2, bit), proof)).toBe(false);
      }), { numRuns: 300 });
  });
});

function flipBit(hash: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(hash);
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] as number) ^ (1 << (bit % 8));
  return copy;
}
