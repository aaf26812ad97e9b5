// The audit entry and its canonical encoding: the bytes whose RFC 6962 leaf hash enters the log.
// An entry names internal ids and counts, never personal data, so that erasing a person (PIPL
// art. 47) never touches a leaf; validation refuses anything that looks like an id number or a
// mobile number as a second line of defence behind the callers.

import { AppError } from '../errors.js';
import { leafHash } from './merkle.js';

export const auditActions = [
  'ingest', 'merge', 'split', 'review', 'login', 'login_failed', 'account', 'role_change',
  'person_read', 'person_search', 'reveal', 'code_issue', 'code_verify', 'code_revoke', 'export',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['ok', 'denied', 'error'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export interface AuditEntry {
  /** UTC, exactly as Date.prototype.toISOString writes it (one instant, one string). */
  readonly time: string;
  readonly actor: string;
  readonly role: string;
  readonly action: AuditAction;
  /** Internal person (or record, run) ids: never id numbers or names. */
  readonly objectIds: readonly string[];
  /** Purpose of use (使用目的), as the caller stated it. */
  readonly purpose: string;
  readonly outcome: AuditOutcome;
  readonly requestId: string;
  /** Counts, file hashes and the like. */
  readonly details?: Readonly<Record<string, string | number>>;
}

const entryFields = new Set(['time', 'actor', 'role', 'action', 'objectIds', 'purpose', 'outcome', 'requestId', 'details']);
const MAX_TEXT = 512;
const MAX_OBJECT_IDS = 10_000;
const MAX_DETAILS = 64;
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const OBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
// Not bounded by a letter or digit on either side, so a hex digest does not trip them by chance.
const ID_NUMBER_LIKE = /(?<![0-9A-Za-z])\d{6}[ -]?\d{8}[ -]?\d{3}[0-9Xx](?![0-9A-Za-z])/;
const MOBILE_LIKE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks an entry (from any source, typed or not) and returns it typed; throws AppError bad_request. */
export function validateAuditEntry(value: unknown): AuditEntry {
  if (!isRecord(value)) throw invalid('entry', 'not an object');
  // Personal data first, so that no later message can quote it.
  const personal = personalDataPath(value);
  if (personal !== undefined) throw invalid(`entry${personal}`, 'looks like an id number or a mobile number');
  for (const key of Object.keys(value)) {
    if (!entryFields.has(key)) throw invalid(/^[A-Za-z]{1,32}$/.test(key) ? key : 'entry', 'unknown field');
  }
  const { time, actor, role, action, objectIds, purpose, outcome, requestId, details } = value;

  if (typeof time !== 'string' || !isCanonicalUtc(time)) throw invalid('time', 'not a UTC toISOString() time');
  requireToken(actor, 'actor');
  requireToken(role, 'role');
  if (!auditActions.includes(action as AuditAction)) throw invalid('action', 'not a known action');
  if (!Array.isArray(objectIds) || objectIds.length > MAX_OBJECT_IDS) throw invalid('objectIds', 'not a list of ids');
  objectIds.forEach((id, i) => {
    if (typeof id !== 'string' || !OBJECT_ID.test(id)) throw invalid(`objectIds[${i}]`, 'not an internal id');
  });
  requireText(purpose, 'purpose');
  if (!auditOutcomes.includes(outcome as AuditOutcome)) throw invalid('outcome', 'not ok, denied or error');
  requireToken(requestId, 'requestId');
  if (details !== undefined) validateDetails(details);
  return value as unknown as AuditEntry;
}

/** Canonical bytes: JSON with keys sorted, no whitespace, UTF-8 (RFC 8785 JCS for this shape). */
export function encodeAuditEntry(entry: AuditEntry): Buffer {
  return Buffer.from(canonicalJson(validateAuditEntry(entry)), 'utf8');
}

/** Parses canonical bytes back into an entry; refuses bytes that are not exactly the canonical form. */
export function decodeAuditEntry(bytes: Uint8Array): AuditEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw invalid('entry', 'not JSON');
  }
  const entry = validateAuditEntry(parsed);
  if (!Buffer.from(canonicalJson(entry), 'utf8').equals(bytes)) throw invalid('entry', 'not canonical');
  return entry;
}

/** The entry's leaf in the Merkle log. */
export function auditLeafHash(entry: AuditEntry): Buffer {
  return leafHash(encodeAuditEntry(entry));
}

// The fields in sorted order are written out by hand: this runs once per audited operation, and
// a generic sorter costs more than the hashing. Only `details` has keys to sort. Sorting by UTF-16
// code units, as JavaScript's default sort does, is what JCS prescribes; JSON.stringify escapes
// strings and writes numbers the way JCS does.
function canonicalJson(e: AuditEntry): string {
  const q = JSON.stringify;
  let details = '';
  if (e.details !== undefined) {
    const d = e.details;
    details = `"details":{${Object.keys(d).sort().map((k) => `${q(k)}:${q(d[k])}`).join(',')}},`;
  }
  return `{"action":${q(e.action)},"actor":${q(e.actor)},${details}"objectIds":[${e.objectIds.map((id) => q(id)).join(',')}],` +
    `"outcome":${q(e.outcome)},"purpose":${q(e.purpose)},"requestId":${q(e.requestId)},"role":${q(e.role)},"time":${q(e.time)}}`;
}

function validateDetails(details: unknown): void {
  if (!isRecord(details)) throw invalid('details', 'not an object');
  const keys = Object.keys(details);
  if (keys.length > MAX_DETAILS) throw invalid('details', 'too many keys');
  for (const key of keys) {
    if (!TOKEN.test(key)) throw invalid('details', 'a key is not a token');
    const v = details[key];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw invalid(`details.${key}`, 'not a finite number');
    } else {
      requireText(v, `details.${key}`);
    }
  }
}

function requireToken(value: unknown, path: string): void {
  if (typeof value !== 'string' || !TOKEN.test(value)) throw invalid(path, 'not a token');
}

function requireText(value: unknown, path: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT || CONTROL.test(value)) {
    throw invalid(path, `not text of 1..${MAX_TEXT} characters without control characters`);
  }
}

/**
 * Where in `value` (keys included) a string, or a number's digits, looks like an id number or a
 * mobile number, as a path suffix ('' for `value` itself); undefined if nowhere. A key that is not
 * a plain word is named by position, as it may itself be the personal data refused.
 */
function personalDataPath(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return looksPersonal(String(value)) ? '' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = personalDataPath(value[i]);
      if (found !== undefined) return `[${i}]${found}`;
    }
  } else if (isRecord(value)) {
    for (const [i, key] of Object.keys(value).entries()) {
      const name = (): string => (/^[A-Za-z_]{1,32}$/.test(key) ? key : `#${i}`);
      if (looksPersonal(key)) return ` key ${name()}`;
      const found = personalDataPath(value[key]);
      if (found !== undefined) return `.${name()}${found}`;
    }
  }
  return undefined;
}

function looksPersonal(text: string): boolean {
  return ID_NUMBER_LIKE.test(text) || MOBILE_LIKE.test(text);
}

function isCanonicalUtc(time: string): boolean {
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The detail names the field, never its value: the value may be the personal data being refused.
function invalid(path: string, problem: string): AppError {
  return new AppError('bad_request', '审计记录无效', 'Invalid audit entry', `${path}: ${problem}`);
}
