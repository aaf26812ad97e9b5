// Password hashing: argon2id (RFC 9106) with the OWASP minimum of 19 MiB, 2 passes, 1 lane.
// A verify against an unknown account still spends the same work, so timing does not tell
// whether a username exists.

import { hash, verify } from '@node-rs/argon2';

// The package's Algorithm enum is a const enum (unusable under isolated modules): 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
let dummy: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummy ??= hash('not a password of anyone', options);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** At least 10 characters, not all of one kind (letters, digits, others). */
export function passwordProblem(password: string): string | null {
  if ([...password].length < 10) return 'shorter than 10 characters';
  if ([...password].length > 256) return 'longer than 256 characters';
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  if (kinds < 2) return 'uses only one kind of character';
  return null;
}
