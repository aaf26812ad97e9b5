// Credentials: a source's own number for a person — a door card, a student or account number —
// learned from the data rather than named in a mapping. A fact of a (source, role) is a credential
// when, among its records that carry a valid id number, its values recur on a person's records
// (a card is shown at every door event) and each value that recurs belongs to one id. A door
// device, a school or a date is not one: shared by many ids, or recurring only where a row was
// entered twice. Records of the source and role sharing a credential, with names that agree and
// nothing contradicting, are one person (credential-link.ts): a door event that carries only a
// name so joins the events of its card that carry an id.

import type { MatchInput } from './types.js';

export interface CredentialFact {
  source: string;
  role: string;
  fact: string;
  /** Values seen on two or more records with a valid id, and the share of them held by one id. */
  repeatedValues: number;
  purity: number;
  /** The share of records with a valid id whose value recurs on another record. */
  recurrence?: number;
}

/** Values that must recur, the share of records they must recur on, and their purity, to be trusted. */
export const MIN_REPEATED_VALUES = 30;
export const MIN_RECURRENCE = 0.3;
export const MIN_PURITY = 0.99;
/** Longer values are free text, not numbers. */
const MAX_VALUE_LENGTH = 64;

/** `source\u0001role\u0001fact` of each learned credential, for extractFeatures and blocking. */
export type CredentialSet = ReadonlySet<string>;

export const NO_CREDENTIALS: CredentialSet = new Set();

export function credentialSet(facts: readonly CredentialFact[] | undefined): CredentialSet {
  return facts === undefined || facts.length === 0 ? NO_CREDENTIALS : new Set(facts.map((c) => `${c.source}\u0001${c.role}\u0001${c.fact}`));
}

function usable(value: string | undefined): value is string {
  return value !== undefined && value.length > 0 && value.length <= MAX_VALUE_LENGTH;
}

function roleOf(input: MatchInput): string {
  return input.key.slice(input.key.lastIndexOf('\u0001') + 1);
}

/** The credential keys of one record: `source\u0001role\u0001fact\u0001value`. */
export function credentialsOf(input: MatchInput, set: CredentialSet): readonly string[] {
  if (set.size === 0 || input.facts === undefined) return [];
  const role = roleOf(input);
  const out: string[] = [];
  for (const [fact, value] of Object.entries(input.facts)) {
    const prefix = `${input.source}\u0001${role}\u0001${fact}`;
    if (usable(value) && set.has(prefix)) out.push(`${prefix}\u0001${value}`);
  }
  return out;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Learns the credential facts of a sample of records (see the module comment). */
export function learnCredentials(inputs: readonly MatchInput[]): CredentialFact[] {
  // (source, role, fact) → value → the one id seen with it so far ('' once two were seen), and how often.
  const seen = new Map<string, Map<string, { id: string; count: number }>>();
  for (const input of inputs) {
    const p = input.person;
    if (input.facts === undefined || !p.idValid || p.idNumber === null) continue;
    const role = roleOf(input);
    for (const [fact, value] of Object.entries(input.facts)) {
      if (!usable(value)) continue;
      const prefix = `${input.source}\u0001${role}\u0001${fact}`;
      let values = seen.get(prefix);
      if (values === undefined) seen.set(prefix, (values = new Map<string, { id: string; count: number }>()));
      const v = values.get(value);
      if (v === undefined) values.set(value, { id: p.idNumber, count: 1 });
      else {
        v.count += 1;
        if (v.id !== p.idNumber) v.id = '';
      }
    }
  }
  const learned: CredentialFact[] = [];
  for (const [prefix, values] of seen) {
    let records = 0;
    let recurring = 0;
    let repeated = 0;
    let pure = 0;
    for (const v of values.values()) {
      records += v.count;
      if (v.count < 2) continue;
      recurring += v.count;
      repeated += 1;
      if (v.id !== '') pure += 1;
    }
    const purity = repeated === 0 ? 0 : pure / repeated;
    const recurrence = records === 0 ? 0 : recurring / records;
    if (repeated < MIN_REPEATED_VALUES || recurrence < MIN_RECURRENCE || purity < MIN_PURITY) continue;
    const [source = '', role = '', fact = ''] = prefix.split('\u0001');
    learned.push({ source, role, fact, repeatedValues: repeated, purity: round(purity), recurrence: round(recurrence) });
  }
  return learned.sort((a, b) => (a.source + a.role + a.fact < b.source + b.role + b.fact ? -1 : 1));
}

/** A source's credentials are learned again while fewer records than this were looked at. */
export const MIN_ANALYSED = 1000;

export interface CredentialState {
  facts: CredentialFact[];
  /** Records of each source the facts were learned from. */
  analysed: Record<string, number>;
}

/**
 * Learns the credentials of sources that a batch brings for the first time (or brings more of
 * than the few they were learned from): credentials are per source, so the batch's own records of
 * that source are what to learn from. Null when there is nothing new to learn.
 */
export function learnNewSources(state: CredentialState, inputs: readonly MatchInput[]): CredentialState | null {
  const counts = new Map<string, number>();
  for (const i of inputs) if ((state.analysed[i.source] ?? 0) < MIN_ANALYSED) counts.set(i.source, (counts.get(i.source) ?? 0) + 1);
  const fresh = new Set([...counts].filter(([source, n]) => n > (state.analysed[source] ?? 0)).map(([source]) => source));
  if (fresh.size === 0) return null;
  const learned = learnCredentials(inputs.filter((i) => fresh.has(i.source)));
  const analysed = { ...state.analysed };
  for (const source of fresh) analysed[source] = counts.get(source)!;
  return { facts: [...state.facts.filter((c) => !fresh.has(c.source)), ...learned], analysed };
}

/** Per source, what was learned from more records wins (a retrained model's sample may hold few of a small source). */
export function mergeCredentialStates(older: CredentialState, newer: CredentialState): CredentialState {
  let facts = newer.facts;
  const analysed = { ...newer.analysed };
  for (const [source, n] of Object.entries(older.analysed)) {
    if (n <= (analysed[source] ?? 0)) continue;
    facts = [...facts.filter((c) => c.source !== source), ...older.facts.filter((c) => c.source === source)];
    analysed[source] = n;
  }
  return { facts, analysed };
}
