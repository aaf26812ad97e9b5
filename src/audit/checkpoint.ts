// Checkpoints in the C2SP tlog-checkpoint form (origin, tree size, base64 root) carried in a signed
// note (signed-note.ts) under the node's Ed25519 key. The key is made and kept by the caller; this
// module only formats, signs, parses and verifies, so the node and an outside auditor share it.

import type { KeyObject } from 'node:crypto';
import { AppError } from '../errors.js';
import { HASH_SIZE } from './merkle.js';
import { parseSignedNote, signNote, verifyNote, type NoteSignature } from './signed-note.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
}

export interface SignedCheckpoint {
  /** The signed text: the checkpoint body, final newline included. */
  readonly body: string;
  readonly checkpoint: Checkpoint;
  readonly signatures: readonly NoteSignature[];
}

export type CheckpointVerification =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly reason: string };

/** The note text of a checkpoint: `<origin>\n<size>\n<base64 root>\n`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root } = checkpoint;
  if (origin.length === 0 || /[\u0000-\u001f\u007f]/.test(origin)) throw badCheckpoint('origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw badCheckpoint('size must be a whole number');
  if (root.length !== HASH_SIZE) throw badCheckpoint('root must be a SHA-256 hash');
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

/** Signs a checkpoint body as key `name` (by convention the origin); returns the signed note. */
export function signCheckpoint(body: string, name: string, privateKey: KeyObject): string {
  parseCheckpointBody(body);
  return signNote(body, name, privateKey);
}

/** Reads a signed checkpoint without checking its signatures; throws AppError bad_request. */
export function parseSignedCheckpoint(text: string): SignedCheckpoint {
  const note = parseSignedNote(text);
  return { body: note.text, checkpoint: parseCheckpointBody(note.text), signatures: note.signatures };
}

/** The checkpoint, if the note is well formed and signed by (`name`, `publicKey`). */
export function verifyCheckpoint(text: string, name: string, publicKey: KeyObject): CheckpointVerification {
  let parsed: SignedCheckpoint;
  try {
    parsed = parseSignedCheckpoint(text);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reason: error.detail ?? error.message };
    throw error;
  }
  const verdict = verifyNote({ text: parsed.body, signatures: parsed.signatures }, name, publicKey);
  return verdict.ok ? { ok: true, checkpoint: parsed.checkpoint } : verdict;
}

function parseCheckpointBody(body: string): Checkpoint {
  const lines = body.split('\n');
  // The final newline leaves one empty string at the end; any other empty line is malformed.
  if (lines.pop() !== '' || lines.length < 3 || lines.some((l) => l.length === 0)) {
    throw badCheckpoint('a checkpoint is three or more non-empty lines');
  }
  const [origin, sizeText, rootText] = lines as [string, string, string];
  const size = Number(sizeText);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size)) throw badCheckpoint('bad tree size');
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootText) throw badCheckpoint('bad root hash');
  return { origin, size, root };
}

function badCheckpoint(detail: string): AppError {
  return new AppError('bad_request', '审计检查点格式无效', 'Malformed audit checkpoint', detail);
}
