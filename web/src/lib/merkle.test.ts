// The browser's inclusion-proof check against the RFC 6962 vectors of the shared test data.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hashLeaf, hexToBytes, treeHash, verifyInclusion, verifyInclusionHex } from './merkle.js';

const dir = resolve(process.cwd(), '../shared/testdata/rfc6962');
const have = existsSync(join(dir, 'inclusion'));

interface InclusionCase { leafIdx: number; treeSize: number; root: string | null; leafHash: string | null; proof: string[] | null; desc: string; wantErr: boolean }

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}

const b64 = (s: string | null): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s ?? '', 'base64'));

describe.skipIf(!have)(have ? 'RFC 6962 inclusion vectors' : 'RFC 6962 inclusion vectors (skipped: ../shared/testdata/rfc6962 not found from the repository root)', () => {
  const files = have ? walk(join(dir, 'inclusion')) : [];
  it('finds the vectors', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as InclusionCase;
    it(`${file.slice(dir.length + 1)}: ${c.desc}`, async () => {
      const result = await verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root));
      expect(result.ok).toBe(!c.wantErr);
    });
  }
});

describe('Merkle helpers', () => {
  it('computes the root of the eight reference leaves', async () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => hexToBytes(h)!);
    expect(bytesToHex(await treeHash(leaves))).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('verifies a path it builds itself and rejects a changed leaf', async () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'].map((s) => new TextEncoder().encode(s));
    const h = await Promise.all(leaves.map(hashLeaf));
    const root = await treeHash(leaves);
    // path of leaf 4 (e) in a 5-leaf tree: the root of the first four
    const proof = [await treeHash(leaves.slice(0, 4))];
    expect((await verifyInclusion(4, 5, h[4]!, proof, root)).ok).toBe(true);
    expect((await verifyInclusion(4, 5, h[3]!, proof, root)).ok).toBe(false);
    expect((await verifyInclusionHex({ index: 4, size: 5, leaf_hash: bytesToHex(h[4]!), proof: proof.map(bytesToHex), root_hash: bytesToHex(root) })).ok).toBe(true);
    expect((await verifyInclusionHex({ index: 4, size: 5, leaf_hash: 'zz', proof: [], root_hash: bytesToHex(root) })).ok).toBe(false);
  });

  it('rejects an index outside the tree', async () => {
    const root = await treeHash([Uint8Array.of(1)]);
    expect(await verifyInclusion(1, 1, await hashLeaf(Uint8Array.of(1)), [], root)).toEqual({ ok: false, reason: 'index_out_of_range' });
    expect((await verifyInclusion(0, 1, await hashLeaf(Uint8Array.of(1)), [], root)).ok).toBe(true);
  });
});
