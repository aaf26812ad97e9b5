// C2SP signed notes with Ed25519: a text ending in a newline, a blank line, then one line per
// signature, `— <key name> base64(key id || signature)`. Checkpoints are one kind of note text;
// keeping the envelope apart lets witnesses' co-signatures and other note kinds reuse it.

import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../errors.js';

export interface NoteSignature {
  readonly name: string;
  /** First four bytes of SHA-256(name || 0x0A || 0x01 || public key) for Ed25519. */
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

export interface SignedNote {
  /** The signed text, final newline included, blank separator line excluded. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export type NoteVerification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const ED25519_TYPE = 0x01;
const MAX_SIGNATURES = 64;
const SIGNATURE_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** Signs `text` as key `name`; returns the note with its one signature line. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  requireNoteText(text);
  if (name.length === 0 || /[\s+]/u.test(name)) throw badNote('a key name is non-empty, without spaces or +');
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const line = Buffer.concat([noteKeyId(name, createPublicKey(privateKey)), signature]).toString('base64');
  return `${text}\n\u2014 ${name} ${line}\n`;
}

/** Splits a note into its text and signature lines, checking only their form; throws AppError bad_request. */
export function parseSignedNote(note: string): SignedNote {
  // The text ends at the last blank line; the signature lines follow it.
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw badNote('no signature block');
  const text = note.slice(0, split + 1);
  requireNoteText(text);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw badNote('too many signatures');
  const signatures = lines.map((line) => {
    const match = SIGNATURE_LINE.exec(line);
    const bytes = Buffer.from(match?.[2] ?? '', 'base64');
    if (match === null || bytes.toString('base64') !== match[2] || bytes.length < 5) {
      throw badNote('malformed signature line');
    }
    return { name: match[1] as string, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Whether the note carries a valid signature by (`name`, `publicKey`). Signatures by other keys are
 * ignored, as the spec asks, so witnesses can add theirs; a failing one by this key fails the note.
 */
export function verifyNote(note: SignedNote, name: string, publicKey: KeyObject): NoteVerification {
  const keyId = noteKeyId(name, publicKey);
  const ours = note.signatures.filter((s) => s.name === name && s.keyId.equals(keyId));
  if (ours.length === 0) return { ok: false, reason: `no signature by key ${name}` };
  const message = Buffer.from(note.text, 'utf8');
  if (!ours.every((s) => verify(null, message, publicKey, s.signature))) {
    return { ok: false, reason: `signature by key ${name} does not verify` };
  }
  return { ok: true };
}

/** The signed-note key id of an Ed25519 public key. */
export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw badNote('the key is not Ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const digest = createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, ED25519_TYPE])).update(raw).digest();
  return digest.subarray(0, 4);
}

function requireNoteText(text: string): void {
  if (!text.endsWith('\n') || CONTROL_EXCEPT_NEWLINE.test(text) || text.includes('\uFFFD')) {
    throw badNote('note text must end in a newline and hold no control characters');
  }
}

function badNote(detail: string): AppError {
  return new AppError('bad_request', '签名记录格式无效', 'Malformed signed note', detail);
}
