// Character classes shared by the identity normalisers. Plain code-point range checks: these run
// on every field of every ingested row, so they avoid regular expressions on the hot path.

/** Han ideographs: CJK unified (basic, extensions A to H), compatibility ideographs and 〇. */
export function isHanziCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    cp === 0x3007
  );
}

export function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

/** Whitespace of any kind, including the ideographic space and line separators. */
export function isWhitespaceCode(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/**
 * Characters that carry no visible content and only get in the way of comparison: C0/C1 control
 * characters (whitespace controls excepted), soft hyphen, zero-width and bidirectional marks, BOM.
 */
export function isInvisibleCode(cp: number): boolean {
  if (cp < 0x20) return cp < 0x09 || cp > 0x0d;
  if (cp < 0x7f) return false;
  if (cp <= 0x9f) return cp !== 0x85;
  return (
    cp === 0xad ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x206f) ||
    cp === 0xfeff
  );
}

/** Dashes and hyphens people type between digit groups. */
export function isDashCode(cp: number): boolean {
  return (
    cp === 0x2d ||
    (cp >= 0x2010 && cp <= 0x2015) ||
    cp === 0x2212 ||
    cp === 0xfe58 ||
    cp === 0xfe63 ||
    cp === 0xff0d
  );
}

const letterPattern = /^[\p{L}\p{M}]$/u;

/** Any letter or combining mark of any script (slow path for non-ASCII, non-hanzi characters). */
export function isLetterChar(ch: string): boolean {
  return letterPattern.test(ch);
}
