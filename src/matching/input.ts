// From an accepted source row to what the engine matches: one MatchInput per person (role) of the
// row, each carrying the other roles the row ties to it (the guardian of this child...).

import type { AcceptedRow } from '../standard/record.js';
import { matchKey, type MatchInput, type RelatedPerson } from './types.js';

/** The MatchInputs of one accepted row of `source` (of kind `kind`), in the row's role order. */
export function matchInputsOf(source: string, kind: string, row: AcceptedRow): MatchInput[] {
  const facts = okFacts(row.facts);
  return row.persons.map((person) => {
    const related: RelatedPerson[] = [];
    for (const r of row.relations) {
      const otherRole = r.from === person.role ? r.to : r.to === person.role ? r.from : null;
      if (otherRole === null || otherRole === person.role) continue;
      const other = row.persons.find((p) => p.role === otherRole);
      if (other !== undefined) related.push({ type: r.type, direction: r.from === person.role ? 'from' : 'to', other });
    }
    return { key: matchKey(source, row.recordId, person.role), source, kind, observedAt: row.observedAt, person, related, facts };
  });
}

/** The facts of a row that normalised, by name. */
export function okFacts(facts: Readonly<Record<string, { value: string | null; ok: boolean }>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(facts)) if (v.ok && v.value !== null && v.value !== '') out[name] = v.value;
  return out;
}
