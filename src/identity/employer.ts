// 工作单位: employer names compared as text, so brackets and spacing must not make two spellings
// of one name differ: 某某公司（深圳分公司）, 某某公司【深圳分公司】 and 某某公司(深圳分公司) are one.

import { accepted, rejected, type Normalized } from './normalized.js';
import { cleanText } from './text.js';

const OPENING = new Set(['(', '[', '【', '〔', '〖', '［']);
const CLOSING = new Set([')', ']', '】', '〕', '〗', '］']);

/** NFKC, every kind of bracket to half-width ( ), whitespace collapsed. */
export function normalizeEmployer(raw: string): Normalized<string> {
  const trimmed = raw.trim();
  const text = cleanText(trimmed);
  if (text === '') return rejected(trimmed, 'empty');
  let out = '';
  for (const ch of text) out += OPENING.has(ch) ? '(' : CLOSING.has(ch) ? ')' : ch;
  return accepted(trimmed, out);
}
