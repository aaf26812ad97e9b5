// The service code (一人一码): a JWS (RFC 7515, EdDSA over Ed25519) whose claims are an opaque
// code id, an epoch and its validity — no personal data. Only the node resolves a code id to a
// person; bumping the person's epoch revokes every code issued before. The signing key is the
// node's own (a file under <dataDir>/keys, never in the database), apart from the audit key so
// either can be rotated alone.

import { generateKeyPairSync, randomBytes, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { keyDir } from '../audit/node-key.js';
import { looksLikeCodeId } from './code-id.js';

export { looksLikeCodeId, newCodeId } from './code-id.js';

export interface CodeKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

const KEY_FILE = 'code-ed25519.pem';
const TYPE = 'yima-code+jwt';
/** Default validity: 24 hours. */
export const defaultCodeTtlS = 24 * 3600;

function kidOf(publicKey: KeyObject): string {
  return publicKey.export({ format: 'jwk' }).x?.slice(0, 8) ?? 'k';
}

export function codeKeyFrom(privateKey: KeyObject): CodeKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: kidOf(publicKey) };
}

export function generateCodeKey(): CodeKey {
  return codeKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

/** The node's code key from <dataDir>/keys, made on first use (mode 0600). */
export function loadOrCreateCodeKey(dataDir: string): CodeKey {
  const dir = keyDir(dataDir);
  const file = join(dir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process made it first: use theirs.
    }
  }
  return codeKeyFrom(createPrivateKey(readFileSync(file)));
}

export function looksLikeCodeToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}$/.test(text) && text.length < 2048;
}

export async function issueCode(key: CodeKey, codeId: string, epoch: number, now: Date, ttlS = defaultCodeTtlS): Promise<{ code: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlS;
  const code = await new SignJWT({ ep: epoch })
    .setProtectedHeader({ alg: 'EdDSA', typ: TYPE, kid: key.kid })
    .setSubject(codeId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomBytes(9).toString('base64url'))
    .sign(key.privateKey);
  return { code, expiresAt: new Date(exp * 1000).toISOString() };
}

export type CodeCheck =
  | { valid: true; codeId: string; epoch: number; expiresAt: string }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks signature, type and expiry; the caller then checks the epoch against the store. */
export async function checkCode(key: CodeKey, code: string, now: Date): Promise<CodeCheck> {
  if (!looksLikeCodeToken(code)) return { valid: false, reason: 'malformed' };
  try {
    // A code older than the longest life this node gives, or issued in the future, or given a longer
    // life than that, is not one this node issued as it stands, signature or not.
    const { payload } = await jwtVerify(code, key.publicKey, { algorithms: ['EdDSA'], typ: TYPE, currentDate: now, clockTolerance: 0, maxTokenAge: defaultCodeTtlS });
    const { ep, exp, iat, sub } = payload;
    if (typeof sub !== 'string' || !looksLikeCodeId(sub) || typeof ep !== 'number' || !Number.isInteger(ep) || typeof exp !== 'number' || typeof iat !== 'number') {
      return { valid: false, reason: 'malformed' };
    }
    if (!(exp - iat > 0 && exp - iat <= defaultCodeTtlS)) return { valid: false, reason: 'malformed' };
    return { valid: true, codeId: sub, epoch: ep, expiresAt: new Date(exp * 1000).toISOString() };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { valid: false, reason: 'expired' };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { valid: false, reason: 'bad_signature' };
    return { valid: false, reason: 'malformed' };
  }
}
