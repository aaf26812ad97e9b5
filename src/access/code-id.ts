// The service code id (一人一码): opaque, random, unrelated to the person; given to every golden
// record when it is first written. The signed, expiring token of service-code.ts carries it.

import { randomBytes } from 'node:crypto';

/** A new opaque code id: 16 base32 characters (80 random bits), unrelated to the person. */
export function newCodeId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = 'YM';
  for (const b of bytes) out += alphabet[b % 32];
  return out;
}

export function looksLikeCodeId(text: string): boolean {
  return /^YM[A-Z2-9]{16}$/.test(text);
}
