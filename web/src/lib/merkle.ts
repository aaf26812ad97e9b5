// Inclusion proofs of the audit log checked in the browser (RFC 6962 / RFC 9162 §2.1.3.2), with
// WebCrypto SHA-256. Pure: no DOM, no network; works in Node 20 and every current browser.

export type Bytes = Uint8Array<ArrayBuffer>;

const HASH_SIZE = 32;

async function sha256(parts: readonly Uint8Array[]): Promise<Bytes> {
  let length = 0;
  for (const p of parts) length += p.length;
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
}

/** Hash of a leaf: SHA-256(0x00 || entry bytes). */
export function hashLeaf(entry: Uint8Array): Promise<Bytes> {
  return sha256([Uint8Array.of(0), entry]);
}

/** Hash of an inner node: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256([Uint8Array.of(1), left, right]);
}

/** Merkle tree hash of a list of leaves (for tests and small checks; MTH of RFC 6962 §2.1). */
export async function treeHash(leaves: readonly Uint8Array[]): Promise<Bytes> {
  if (leaves.length === 0) return sha256([]);
  let level: Bytes[] = [];
  for (const leaf of leaves) level.push(await hashLeaf(leaf));
  while (level.length > 1) {
    const next: Bytes[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Bytes;
      const right = level[i + 1];
      next.push(right === undefined ? left : await hashChildren(left, right));
    }
    level = next;
  }
  return level[0] as Bytes;
}

export function hexToBytes(hex: string): Bytes | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export type InclusionResult = { ok: true } | { ok: false; reason: 'index_out_of_range' | 'bad_hash_length' | 'proof_too_long' | 'proof_too_short' | 'root_mismatch' };

/**
 * Checks that `leafHash` is the leaf at `index` of the tree of `size` leaves whose root is `root`,
 * given the audit path `proof` (RFC 9162 §2.1.3.2). Index and size are plain numbers (exact up to
 * 2^53, far beyond any audit log); arithmetic avoids 32-bit bitwise operators.
 */
export async function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): Promise<InclusionResult> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return { ok: false, reason: 'index_out_of_range' };
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return { ok: false, reason: 'bad_hash_length' };
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  const odd = (n: number): boolean => n % 2 === 1;
  const half = (n: number): number => Math.floor(n / 2);
  for (const p of proof) {
    if (sn === 0) return { ok: false, reason: 'proof_too_long' };
    if (odd(fn) || fn === sn) {
      r = await hashChildren(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return { ok: false, reason: 'proof_too_short' };
  return equal(r, root) ? { ok: true } : { ok: false, reason: 'root_mismatch' };
}

/** The same check on the hex strings the audit API returns. */
export async function verifyInclusionHex(p: { index: number; size: number; leaf_hash: string; proof: readonly string[]; root_hash: string }): Promise<InclusionResult> {
  const leaf = hexToBytes(p.leaf_hash);
  const root = hexToBytes(p.root_hash);
  const path = p.proof.map(hexToBytes);
  if (leaf === null || root === null || path.some((x) => x === null)) return { ok: false, reason: 'bad_hash_length' };
  return verifyInclusion(p.index, p.size, leaf, path as Bytes[], root);
}
