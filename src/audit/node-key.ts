// The node's Ed25519 audit key: made once at `yima init`, kept as files in `<dataDir>/keys/` and
// never in the database, so that whoever can rewrite the database still cannot sign a checkpoint.
// The private key is PKCS#8 PEM (mode 0600); the public key is kept twice: SPKI PEM for tools and a
// C2SP note verifier key (`<name>+<key id>+<base64 key>`), which also records the key's name.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { noteKeyId } from './signed-note.js';

/** What checks checkpoints: the key name (also the log's origin) and the public key. */
export interface AuditVerifier {
  readonly name: string;
  readonly publicKey: KeyObject;
}

/** What signs checkpoints. */
export interface AuditSigner extends AuditVerifier {
  readonly privateKey: KeyObject;
}

const PRIVATE_FILE = 'audit-ed25519.pem';
const PUBLIC_FILE = 'audit-ed25519.pub.pem';
const VKEY_FILE = 'audit.vkey';
const ED25519_TYPE = 0x01;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,127}$/;

export function keyDir(dataDir: string): string {
  return join(dataDir, 'keys');
}

/** The log origin and key name of a node: `yima.<region>.<nodeId>`. */
export function nodeKeyName(region: string, nodeId: string): string {
  return `yima.${region}.${nodeId}`;
}

export function hasNodeKey(dataDir: string): boolean {
  const dir = keyDir(dataDir);
  return [PRIVATE_FILE, PUBLIC_FILE, VKEY_FILE].some((f) => existsSync(join(dir, f)));
}

/** Makes a new key pair under `name`; refuses to overwrite any existing key file. */
export function createNodeKey(dataDir: string, name: string): AuditSigner {
  if (!NAME.test(name)) throw new AppError('bad_request', '审计密钥名称无效', 'Invalid audit key name', name);
  if (hasNodeKey(dataDir)) {
    throw new AppError('conflict', `审计密钥已存在于 ${keyDir(dataDir)}，不会覆盖`, `an audit key already exists in ${keyDir(dataDir)}; it is never overwritten`);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const dir = keyDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // 'wx' fails if the file appeared meanwhile: two inits never both think they made the key.
  writeFileSync(join(dir, PRIVATE_FILE), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(join(dir, PUBLIC_FILE), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  writeFileSync(join(dir, VKEY_FILE), `${formatVerifierKey(name, publicKey)}\n`, { mode: 0o644, flag: 'wx' });
  return { name, privateKey, publicKey };
}

/** The node's signer, or undefined when the data directory has no key (not initialised yet). */
export function findNodeKey(dataDir: string): AuditSigner | undefined {
  const file = join(keyDir(dataDir), PRIVATE_FILE);
  if (!existsSync(file)) return undefined;
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new AppError('forbidden', `审计私钥 ${file} 的权限过宽，请执行 chmod 600`, `the audit private key ${file} is readable by others: chmod 600 it`);
  }
  const privateKey = readKey(file, (pem) => createPrivateKey(pem));
  const verifier = loadNodeVerifier(dataDir);
  const derived = createPublicKey(privateKey);
  if (!derived.equals(verifier.publicKey)) {
    throw badKey(`${VKEY_FILE} does not belong to ${PRIVATE_FILE}`);
  }
  return { ...verifier, privateKey };
}

/** The public half only: all an auditor needs, read from the verifier key file. */
export function loadNodeVerifier(dataDir: string): AuditVerifier {
  const file = join(keyDir(dataDir), VKEY_FILE);
  if (!existsSync(file)) {
    throw new AppError('not_initialised', '未找到节点审计密钥：请先运行 yima init', 'the node has no audit key: run `yima init` first', file);
  }
  return parseVerifierKey(readFileSync(file, 'utf8').trim());
}

/** The C2SP signed-note verifier key: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function formatVerifierKey(name: string, publicKey: KeyObject): string {
  const raw = rawPublicKey(publicKey);
  const id = noteKeyId(name, publicKey).toString('hex');
  return `${name}+${id}+${Buffer.concat([Buffer.from([ED25519_TYPE]), raw]).toString('base64')}`;
}

export function parseVerifierKey(vkey: string): AuditVerifier {
  // Names hold no '+', but base64 may: the key is everything after the second '+'.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const [name, id, key] = [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  if (first < 0 || second < 0 || !NAME.test(name) || !/^[0-9a-f]{8}$/.test(id)) throw badKey('not <name>+<id>+<key>');
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519_TYPE || bytes.toString('base64') !== key) throw badKey('not an Ed25519 key');
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(1).toString('base64url') }, format: 'jwk' });
  if (noteKeyId(name, publicKey).toString('hex') !== id) throw badKey('key id does not match');
  return { name, publicKey };
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
}

function readKey(file: string, parse: (pem: string) => KeyObject): KeyObject {
  try {
    const key = parse(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch (error) {
    throw badKey(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function badKey(detail: string): AppError {
  return new AppError('internal', '节点审计密钥文件损坏', 'The node audit key files are damaged', detail);
}

/** The signer, or the refusal a store gives a write that must be audited when it has no key. */
export function requireAuditSigner(signer: AuditSigner | undefined): AuditSigner {
  if (signer === undefined) {
    throw new AppError('unavailable', '未加载节点审计密钥，拒绝写入须审计的操作（请先运行 yima init，或检查数据目录下的 keys/）',
      'the node audit key is not loaded, so writes that must be audited are refused (run `yima init`, or check keys/ in the data directory)');
  }
  return signer;
}
