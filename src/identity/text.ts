// Shared text cleaning: the first step of every normaliser. Removes what should never take part in
// comparison (control and zero-width characters), folds compatibility forms (NFKC turns full-width
// digits and letters into ASCII and the ideographic space into a space) and tidies whitespace.

import { isInvisibleCode, isWhitespaceCode } from './chars.js';

/**
 * NFKC, strip C0/C1 control and zero-width characters, collapse runs of whitespace into one
 * space, trim. Invisible characters are stripped before NFKC so that the result is stable:
 * `cleanText(cleanText(x)) === cleanText(x)`.
 */
export function cleanText(raw: string): string {
  if (isAlreadyClean(raw)) return raw;
  let stripped = '';
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (isInvisibleCode(raw.charCodeAt(i))) {
      stripped += raw.slice(start, i);
      start = i + 1;
    }
  }
  stripped = start === 0 ? raw : stripped + raw.slice(start);
  return collapseWhitespace(stripped.normalize('NFKC'));
}

/** Runs of whitespace become one ASCII space; leading and trailing whitespace goes. */
export function collapseWhitespace(text: string): string {
  let out = '';
  let pendingSpace = false;
  let runStart = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      if (runStart >= 0) {
        out += text.slice(runStart, i);
        runStart = -1;
        pendingSpace = true;
      }
      continue;
    }
    if (runStart < 0) {
      if (pendingSpace) out += ' ';
      pendingSpace = false;
      runStart = i;
    }
  }
  if (runStart >= 0) out += text.slice(runStart);
  return out;
}

/**
 * Fast path: printable ASCII and basic CJK ideographs are already NFKC, so a string made only of
 * those with single inner spaces needs no work. Most identity fields are exactly that.
 */
function isAlreadyClean(text: string): boolean {
  const last = text.length - 1;
  let previousSpace = true;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (previousSpace || i === last) return false;
      previousSpace = true;
    } else if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) {
      previousSpace = false;
    } else {
      return false;
    }
  }
  return true;
}
