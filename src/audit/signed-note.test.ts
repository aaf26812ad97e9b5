import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noteKeyId, parseSignedNote, signNote, verifyNote } from './signed-note.js';

// The known-answer vector of Go's golang.org/x/mod/sumdb/note (key "PeterNeumann", id c74f20a3):
// matching it byte for byte means Go-ecosystem verifiers and witnesses read our notes.
const goPublic = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
const goSeed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const goNote = `${goText}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const goPublicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: goPublic.toString('base64url') }, format: 'jwk' });
const goPrivateKey = createPrivateKey({
  key: { kty: 'OKP', crv: 'Ed25519', x: goPublic.toString('base64url'), d: goSeed.toString('base64url') },
  format: 'jwk',
});

describe('signed notes', () => {
  it('reproduces the Go sumdb/note known answer: key id, signature line and verification', () => {
    expect(noteKeyId('PeterNeumann', goPublicKey).toString('hex')).toBe('c74f20a3');
    expect(signNote(goText, 'PeterNeumann', goPrivateKey)).toBe(goNote);
    const parsed = parseSignedNote(goNote);
    expect(parsed.text).toBe(goText);
    expect(verifyNote(parsed, 'PeterNeumann', goPublicKey)).toEqual({ ok: true });
  });

  it('ignores signatures by other keys but needs one by the expected key', () => {
    const witness = generateKeyPairSync('ed25519');
    const cosigned = goNote + signNote(goText, 'witness.example/w1', witness.privateKey).slice(goText.length + 1);
    const parsed = parseSignedNote(cosigned);
    expect(parsed.signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'witness.example/w1']);
    expect(verifyNote(parsed, 'PeterNeumann', goPublicKey)).toEqual({ ok: true });
    expect(verifyNote(parsed, 'witness.example/w1', witness.publicKey)).toEqual({ ok: true });
    // Same name, other key: the key id differs, so there is no signature by that key at all.
    expect(verifyNote(parsed, 'PeterNeumann', witness.publicKey)).toEqual({ ok: false, reason: 'no signature by key PeterNeumann' });
  });

  it('fails a note whose text was changed after signing', () => {
    const changed = parseSignedNote(goNote.replace('problem,', 'problem;'));
    expect(verifyNote(changed, 'PeterNeumann', goPublicKey)).toEqual({ ok: false, reason: 'signature by key PeterNeumann does not verify' });
  });

  it.each([
    ['no blank line', goNote.replace('\n\n', '\n')],
    ['no final newline', goNote.slice(0, -1)],
    ['a signature line without the em dash', goNote.replace('\u2014', '-')],
    ['a signature too short to hold a key id', `${goText}\n\u2014 PeterNeumann AAAA\n`],
    ['non-canonical base64', goNote.replace('AM=\n', 'AN=\n')],
    ['a control character', goNote.replace('you', 'y\tou')],
  ])('refuses a note with %s', (_label, note) => {
    expect(() => parseSignedNote(note)).toThrow(/Malformed signed note/);
  });

  it('refuses to sign with a bad key name or text', () => {
    expect(() => signNote(goText, 'two words', goPrivateKey)).toThrow();
    expect(() => signNote(goText, 'a+b', goPrivateKey)).toThrow();
    expect(() => signNote('no newline', 'k', goPrivateKey)).toThrow();
  });
});
