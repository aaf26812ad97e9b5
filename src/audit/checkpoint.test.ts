import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseSignedCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { leafHash, rootFromLeafHashes } from './merkle.js';

const origin = 'yima.example/city-node-1';
const root = rootFromLeafHashes([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]);
const key = generateKeyPairSync('ed25519');
const body = formatCheckpoint({ origin, size: 2, root });
const signed = signCheckpoint(body, origin, key.privateKey);

describe('checkpoints', () => {
  it('formats origin, size and base64 root on three lines', () => {
    expect(body).toBe(`${origin}\n2\n${root.toString('base64')}\n`);
    expect(formatCheckpoint({ origin, size: 0, root })).toMatch(/^yima\.example\/city-node-1\n0\n/);
    expect(signed.startsWith(`${body}\n\u2014 ${origin} `)).toBe(true);
  });

  it('round-trips through signing, parsing and verifying', () => {
    expect(parseSignedCheckpoint(signed).checkpoint).toEqual({ origin, size: 2, root });
    expect(verifyCheckpoint(signed, origin, key.publicKey)).toEqual({ ok: true, checkpoint: { origin, size: 2, root } });
  });

  it('fails when the signature is replaced by one over another checkpoint', () => {
    const other = signCheckpoint(formatCheckpoint({ origin, size: 3, root }), origin, key.privateKey);
    const otherLine = other.slice(other.lastIndexOf('\n\n'));
    const forged = body + otherLine.slice(1);
    expect(verifyCheckpoint(forged, origin, key.publicKey)).toEqual({ ok: false, reason: `signature by key ${origin} does not verify` });
  });

  it('fails when the root or the size is changed', () => {
    const otherRoot = leafHash(Buffer.from('c')).toString('base64');
    const changedRoot = signed.replace(root.toString('base64'), otherRoot);
    expect(verifyCheckpoint(changedRoot, origin, key.publicKey).ok).toBe(false);
    expect(verifyCheckpoint(signed.replace('\n2\n', '\n3\n'), origin, key.publicKey).ok).toBe(false);
  });

  it('fails under a different key, or under the right key by another name', () => {
    const stranger = generateKeyPairSync('ed25519');
    expect(verifyCheckpoint(signed, origin, stranger.publicKey)).toEqual({ ok: false, reason: `no signature by key ${origin}` });
    expect(verifyCheckpoint(signed, 'yima.example/other', key.publicKey).ok).toBe(false);
  });

  it('reports a malformed checkpoint as a failed verification, not a crash', () => {
    const noRoot = signCheckpoint(body, origin, key.privateKey).replace(`${root.toString('base64')}\n`, '');
    expect(verifyCheckpoint(noRoot, origin, key.publicKey)).toEqual({ ok: false, reason: 'a checkpoint is three or more non-empty lines' });
    expect(verifyCheckpoint(signed.replace('\n2\n', '\n02\n'), origin, key.publicKey)).toEqual({ ok: false, reason: 'bad tree size' });
    expect(() => signCheckpoint('origin\n1\nnot-a-root\n', origin, key.privateKey)).toThrow(/Malformed audit checkpoint/);
    expect(() => formatCheckpoint({ origin: 'two\nlines', size: 1, root })).toThrow();
    expect(() => formatCheckpoint({ origin, size: 1, root: root.subarray(1) })).toThrow();
  });
});
