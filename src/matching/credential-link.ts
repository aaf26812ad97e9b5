// The credential rule: two records of one source that share a learned credential (credentials.ts),
// whose names agree (up to pinyin, look-alike characters or swapped given-name characters) and
// whose ids, birth dates and sexes, where both have them, do not contradict each other.

import { BIRTH_ELSE } from './compare/birth.js';
import { C_BIRTH, C_ID, C_NAME, C_SEX } from './compare/index.js';
import { ID_DIFFERENT } from './compare/id.js';
import { NAME_SWAPPED } from './compare/name.js';
import { SEX_DIFFERENT } from './compare/sex.js';
import type { RecordFeatures } from './features.js';

export function sharesCredential(a: RecordFeatures, b: RecordFeatures): boolean {
  if (a.credentials.length === 0 || b.credentials.length === 0) return false;
  for (const x of a.credentials) for (const y of b.credentials) if (x === y) return true;
  return false;
}

/** True when the pair is one person by the credential rule (levels as compareRecords filled them). */
export function isCredentialLink(a: RecordFeatures, b: RecordFeatures, levels: Int8Array): boolean {
  if (!sharesCredential(a, b)) return false;
  const name = levels[C_NAME]!;
  if (name < 0 || name > NAME_SWAPPED) return false;
  return levels[C_ID] !== ID_DIFFERENT && levels[C_BIRTH] !== BIRTH_ELSE && levels[C_SEX] !== SEX_DIFFERENT;
}
