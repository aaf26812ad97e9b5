import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { EMPTY_ROOT } from './merkle.js';
import { createNodeKey, findNodeKey, formatVerifierKey, hasNodeKey, keyDir, loadNodeVerifier, nodeKeyName, parseVerifierKey } from './node-key.js';

describe('node audit key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'yima-key-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is made once, kept in keys/ with a private file only its owner reads, and loads back', () => {
    expect(findNodeKey(dataDir)).toBeUndefined();
    const made = createNodeKey(dataDir, nodeKeyName('440300', 'ab12cd34'));
    expect(made.name).toBe('yima.440300.ab12cd34');
    expect(hasNodeKey(dataDir)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(keyDir(dataDir), 'audit-ed25519.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(keyDir(dataDir), 'audit-ed25519.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const loaded = findNodeKey(dataDir)!;
    const note = signCheckpoint(formatCheckpoint({ origin: loaded.name, size: 0, root: EMPTY_ROOT }), loaded.name, loaded.privateKey);
    // Checked with the public half only, as an auditor holding the vkey file would.
    const verifier = loadNodeVerifier(dataDir);
    expect(verifyCheckpoint(note, verifier.name, verifier.publicKey)).toMatchObject({ ok: true });
    expect(verifier.publicKey.equals(made.publicKey)).toBe(true);
    expect(() => createNodeKey(dataDir, 'yima.440300.other')).toThrow(/never overwritten/);
  });

  it('refuses a private key others can read, and a verifier key of another key pair', () => {
    const made = createNodeKey(dataDir, 'yima.440300.n1');
    if (process.platform !== 'win32') {
      chmodSync(join(keyDir(dataDir), 'audit-ed25519.pem'), 0o644);
      expect(() => findNodeKey(dataDir)).toThrow(/readable by others/);
      chmodSync(join(keyDir(dataDir), 'audit-ed25519.pem'), 0o600);
    }
    const otherDir = mkdtempSync(join(tmpdir(), 'yima-key-'));
    const other = createNodeKey(otherDir, 'yima.440300.n1');
    rmSync(otherDir, { recursive: true, force: true });
    writeFileSync(join(keyDir(dataDir), 'audit.vkey'), formatVerifierKey(made.name, other.publicKey));
    expect(() => findNodeKey(dataDir)).toThrow(/damaged/);
  });

  it('writes and reads C2SP verifier keys, refusing a wrong key id', () => {
    const { name, publicKey } = createNodeKey(dataDir, 'yima.110105.n2');
    const vkey = formatVerifierKey(name, publicKey);
    expect(vkey).toMatch(/^yima\.110105\.n2\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    expect(parseVerifierKey(vkey).publicKey.equals(publicKey)).toBe(true);
    const [n, id] = vkey.split('+') as [string, string];
    const key = vkey.slice(n.length + id.length + 2);
    expect(() => parseVerifierKey(`${n}+${id === '00000000' ? '00000001' : '00000000'}+${key}`)).toThrow(/damaged/);
    expect(() => parseVerifierKey(`${n}+${id}`)).toThrow(/damaged/);
    expect(() => parseVerifierKey(`${n}+${id}+${key.slice(0, -4)}`)).toThrow(/damaged/);
  });
});
