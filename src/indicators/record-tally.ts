// A person's records as the indicators read them, kept with the person's view
// (`person_tallies`, migration 0015) so that a refresh reads one row per person, in person-id
// order, instead of joining every link to its record and role at random (48 s of a 79.7 s refresh
// at 1M persons). Written from the same linked records as the view, so it is current whenever the
// view is; a person without one is read from the tables (load-rows.ts). Pure.

import { factTexts } from '../standard/person-codec.js';
import { beijingDay } from './periods.js';
import type { RecordRow } from './person-row.js';

/** What the summary is made from: a record linked to the person in `role`, with every role of it. */
export interface TallySource {
  source: string;
  role: string;
  observedAt: string | null;
  ingestedAt: string;
  valuesTotal: number;
  valuesStandard: number;
  /** The record's facts as stored (standard/person-codec). */
  facts: string;
  persons: readonly { role: string; fields: string; sex: string | null; birth_date: string | null; personId: string | null }[];
}

/** One record: [source, day, values, standard values, sex, birth date, employer named (1/0), facts]. */
type TallyRecord = [string, string, number, number, string | null, string | null, 0 | 1, Record<string, string>];

/** Version of the stored form: a row of another version is not read (the tables are). */
const tallyFormat = 1;

/**
 * One record's summary. The record's values are counted once, for the person holding its first
 * linked role among the roles it has now (a child and a guardian in one row); `employer` is whether the person's role names
 * an employer (the packed fields name each field they hold).
 */
function tallyRecord(r: TallySource): TallyRecord | null {
  const self = r.persons.find((p) => p.role === r.role);
  // A link to a role the record's current version no longer has: not the person's record now.
  if (self === undefined) return null;
  const counted = !r.persons.some((p) => p.personId !== null && p.role < r.role);
  const facts = r.facts === '' ? {} : factTexts(r.facts);
  return [
    r.source,
    beijingDay(r.observedAt ?? r.ingestedAt),
    counted ? r.valuesTotal : 0,
    counted ? r.valuesStandard : 0,
    self.sex,
    self.birth_date,
    self.fields.includes('"employer_name":') ? 1 : 0,
    facts,
  ];
}

export function encodeTally(records: readonly TallySource[]): string {
  return JSON.stringify({ v: tallyFormat, r: records.map(tallyRecord).filter((r) => r !== null) });
}

/** A record row with what the identity check needs beside it (the role's recorded sex and birth date). */
export interface TalliedRecord extends RecordRow {
  sex: string | null;
  birthDate: string | null;
}

/**
 * The records of a stored summary, each with its source's kind and only the `wanted` facts of the
 * `factSources`; undefined when the text is not of the current form (the caller reads the tables).
 */
export function decodeTally(text: string | null, kindOf: ReadonlyMap<string, string>, wanted: ReadonlySet<string>, factSources: ReadonlySet<string>): TalliedRecord[] | undefined {
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, r } = parsed as { v?: unknown; r?: unknown };
  if (v !== tallyFormat || !Array.isArray(r)) return undefined;
  const out: TalliedRecord[] = [];
  for (const item of r as unknown[]) {
    if (!Array.isArray(item) || item.length !== 8 || typeof item[0] !== 'string' || typeof item[1] !== 'string') return undefined;
    const [source, date, total, standard, sex, birthDate, employer, facts] = item as TallyRecord;
    const picked: Record<string, string> = {};
    if (factSources.has(source) && typeof facts === 'object' && facts !== null) for (const name of Object.keys(facts)) if (wanted.has(name)) picked[name] = facts[name]!;
    out.push({ source, kind: kindOf.get(source) ?? '', date, facts: picked, hasEmployer: employer === 1, valuesTotal: Number(total), valuesStandard: Number(standard), sex, birthDate });
  }
  return out;
}
