// Credentials: a source's own number for a person — a door card, a student or account number —
// learned from the data rather than named in a mapping. A fact of a (source, role) is a credential
// when, among its records that carry a valid id number, each value it repeats under belongs to one
// id (a card number does; a door device, a school or a date does not). Records of that source and
// role sharing a credential value, with names that agree and nothing contradicting, are one person:
// it lets a door event that carries only a name join the events of the same card that carry an id.

import type { MatchInput } from './types.js';

export interface CredentialFact {
  source: string;
  role: string;
  fact: string;
  /** Values seen on two or more records with a valid id, and the share of them held by one id. */
  repeatedValues: number;
  purity: number;
}

/** A value must repeat under at least this many values, with this purity, to be trusted. */
export const MIN_REPEATED_VALUES = 30;
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

/** The credential keys of one record: `source\u0001role\u0001fact\u0001value`. */
export function credentialsOf(input: MatchInput, set: CredentialSet): readonly string[] {
  if (set.size === 0 || input.facts === undefined) return [];
  const role = input.key.slice(input.key.lastIndexOf('\u0001') + 1);
  const out: string[] = [];
  for (const [fact, value] of Object.entries(input.facts)) {
    const prefix = `${input.source}\u0001${role}\u0001${fact}`;
    if (usable(value) && set.has(prefix)) out.push(`${prefix}\u0001${value}`);
  }
  return out;
}

/** Learns the credential facts of a sample of records (see the module comment). */
export function learnCredentials(inputs: readonly MatchInput[]): CredentialFact[] {
  // (source, role, fact) → value → the one id seen with it so far, or '' once two ids were seen.
  const seen = new Map<string, Map<string, { id: string; count: number }>>();
  for (const input of inputs) {
    const p = input.person;
    if (input.facts === undefined || !p.idValid || p.idNumber === null) continue;
    const role = input.key.slice(input.key.lastIndexOf('\u0001') + 1);
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
    let repeated = 0;
    let pure = 0;
    for (const v of values.values()) {
      if (v.count < 2) continue;
      repeated += 1;
      if (v.id !== '') pure += 1;
    }
    const purity = repeated === 0 ? 0 : pure / repeated;
    if (repeated < MIN_REPEATED_VALUES || purity < MIN_PURITY) continue;
    const [source = '', role = '', fact = ''] = prefix.split('\u0001');
    learned.push({ source, role, fact, repeatedValues: repeated, purity: Math.round(purity * 10_000) / 10_000 });
  }
  return learned.sort((a, b) => (a.source + a.role + a.fact < b.source + b.role + b.fact ? -1 : 1));
}
