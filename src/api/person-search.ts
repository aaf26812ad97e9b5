// What a search box's text is: an id number, a phone, a service code (its id or a scanned token),
// a hanzi name or a pinyin one. Pure: the route runs the lookups this plan asks for, in rank order.

import { nameComparableKey, normalizeIdNumber, normalizeName, normalizePhone } from '../identity/index.js';
import { looksLikeCodeId, looksLikeCodeToken } from '../access/service-code.js';
import type { SearchColumn } from '../store/persons/person-reader.js';

export type SearchPlan =
  | { kind: 'lookups'; steps: { column: SearchColumn; values: string[]; rank: number }[] }
  | { kind: 'code_id'; codeId: string }
  | { kind: 'code_token'; token: string }
  | { kind: 'nothing' };

const HAN = /\p{Script=Han}/u;
const PERSON_ID = /^P[A-Za-z0-9]{4,40}$/;

export function planSearch(query: string): SearchPlan {
  const q = query.normalize('NFKC').trim();
  if (q === '') return { kind: 'nothing' };
  const compact = q.replace(/[\s-]/g, '');
  if (looksLikeCodeToken(q)) return { kind: 'code_token', token: q };
  if (looksLikeCodeId(compact.toUpperCase())) return { kind: 'code_id', codeId: compact.toUpperCase() };
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) {
    const id = normalizeIdNumber(compact);
    const values = [...new Set([id.value ?? compact.toUpperCase(), compact.toUpperCase()])];
    return { kind: 'lookups', steps: [{ column: 'id_number', values, rank: 0 }] };
  }
  if (/^\+?\d[\d()]{6,15}$/.test(compact)) {
    const phone = normalizePhone(compact);
    return { kind: 'lookups', steps: [{ column: 'phone', values: [phone.value ?? compact], rank: 1 }] };
  }
  // A passport or permit number (letters and digits: E12345678, 港澳 H1234567801): the number as
  // stored, cleaned and upper-cased. One that has a person id's shape is tried as both.
  const document = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{5,20}$/.test(compact) ? compact.toUpperCase() : null;
  if (PERSON_ID.test(q)) {
    const steps: { column: SearchColumn; values: string[]; rank: number }[] = [{ column: 'person_id', values: [q], rank: 0 }];
    if (document !== null) steps.push({ column: 'id_number', values: [document], rank: 0 });
    return { kind: 'lookups', steps };
  }
  if (document !== null) return { kind: 'lookups', steps: [{ column: 'id_number', values: [document], rank: 0 }] };
  const name = normalizeName(q);
  if (name.value === null) return { kind: 'nothing' };
  const key = nameComparableKey(name.value);
  const steps: { column: SearchColumn; values: string[]; rank: number }[] = [];
  // A hanzi name matches exactly first, then by sound (same pinyin, other characters).
  if (HAN.test(name.value)) steps.push({ column: 'name', values: [name.value], rank: 2 });
  if (key !== '') steps.push({ column: 'name_key', values: [key], rank: 3 });
  // A surname or the start of a name: 张 finds 张伟, 张小红 (after the exact hits).
  if (HAN.test(name.value)) steps.push({ column: 'name_prefix', values: [name.value], rank: 4 });
  return steps.length === 0 ? { kind: 'nothing' } : { kind: 'lookups', steps };
}
