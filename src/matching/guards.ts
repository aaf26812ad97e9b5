// Pairs that must not link on score alone, however much they share: relatives. Twins: born the
// same day, of one family (same guardian, phone or home), same surname, given names of one length
// that differ beyond a slip of the pen (a character replaced, or more) and no shared id number. Other relatives sharing a phone, a home or an
// id: names that clearly differ and no birth date in common. Only the guarded id rule or a
// reviewer links such a pair.

import { BIRTH_EQUAL } from './compare/birth.js';
import { CONTACT_HOME_CLOSE } from './compare/contact.js';
import { ID_DIFFERENT } from './compare/id.js';
import { C_BIRTH, C_CONTACT, C_GIVEN, C_ID, C_NAME, C_RELATION, C_SURNAME } from './compare/index.js';
import { PART_EXACT, PART_SWAPPED } from './compare/latin-name.js';
import { NAME_DIFFERENT, NAME_ONE_CHAR, NAME_PINYIN } from './compare/name.js';
import { isDeterministicLink, namesContradict } from './deterministic.js';
import type { RecordFeatures } from './features.js';
import { NAME_HANZI } from './name-features.js';

const LATIN_DIFFERENT = 4;

/** Ids that could be one person's (equal, or one slip apart) rule out relatives. */
function idsAgree(levels: Int8Array): boolean {
  return levels[C_ID]! >= 0 && levels[C_ID] !== ID_DIFFERENT;
}

/** True when the pair looks like twins (or other same-day siblings) rather than one person. */
export function isLikelyTwin(a: RecordFeatures, b: RecordFeatures, levels: Int8Array): boolean {
  if (levels[C_BIRTH] !== BIRTH_EQUAL || idsAgree(levels)) return false;
  const contact = levels[C_CONTACT]!;
  const family = levels[C_RELATION] === 0 || (contact >= 0 && contact <= CONTACT_HOME_CLOSE);
  if (!family) return false;
  if (a.name.nameKind === NAME_HANZI && b.name.nameKind === NAME_HANZI) {
    const name = levels[C_NAME]!;
    // Twins' given names are of one length (家文, 家涵); a character dropped or added (钟梅, 钟梅涵)
    // is a slip of the pen, and left to the score.
    const oneReplaced = name === NAME_ONE_CHAR && a.name.nameSimplified?.length === b.name.nameSimplified?.length;
    return (oneReplaced || name === NAME_DIFFERENT) && a.name.hanziSurname !== null && a.name.hanziSurname === b.name.hanziSurname;
  }
  const surname = levels[C_SURNAME];
  return (surname === PART_EXACT || surname === PART_SWAPPED) && levels[C_GIVEN] === LATIN_DIFFERENT;
}

/**
 * True when names differ (clearly, or by one character, as siblings' generation names do: 林家文,
 * 林家涵) and no birth date of the records' own agrees: relatives who share a phone, a home or
 * even an id number (a parent's id in a child's row), not one person.
 */
export function isLikelyRelative(levels: Int8Array): boolean {
  const differ = namesContradict(levels) || levels[C_NAME] === NAME_ONE_CHAR;
  return differ && levels[C_BIRTH] !== BIRTH_EQUAL;
}

/**
 * True when `b` vouches that `a` is its person, so that no other record of that person can bar
 * `a` as a twin: the same valid id of its holder (the deterministic rule), or the same name (as
 * written, simplified or read aloud) and the same birth date. One person's records may carry
 * names a twin guard would keep apart (谢新明 with an id, 谢新铭 without, 谢明新 with the id again:
 * the second and third look like twins of each other); twins themselves never share a name.
 */
export function vouchesFor(a: RecordFeatures, b: RecordFeatures, levels: Int8Array): boolean {
  if (isDeterministicLink(a, b, levels)) return true;
  const name = levels[C_NAME]!;
  return name >= 0 && name <= NAME_PINYIN && levels[C_BIRTH] === BIRTH_EQUAL;
}
