// Credentials: a source's own number for a person — a door card, a student or account number —
// or for a small group of persons — the door device of a building — learned from the data rather
// than named in a mapping. Among a (source, role)'s records that carry a valid id number:
//  - a fact is a personal credential when each value it repeats under belongs to one id (a card);
//  - a fact is a group credential when a value is shared by a few ids only, and the value together
//    with the name belongs to one id (a building's door: few residents, and not two of one name).
// A date or a school is neither: shared by many, and by namesakes. Records of the source and role
// sharing a personal credential, or a group credential and the name, are one person when nothing
// contradicts it (credential-link.ts). A door event that carries only a name so joins the events
// of its card, or of its door, that carry an id.

import type { MatchInput } from './types.js';

export interface CredentialFact {
  source: string;
  role: string;
  fact: string;
  /** Values seen on two or more records with a valid id (with the name too, for a group credential). */
  repeatedValues: number;
  /** The share of those values held by one id. */
  purity: number;
  /** Ids sharing a value (95th percentile): 1 for a personal credential; absent in older models. */
  idsPerValue?: number;
}

/** Values (or value-and-name pairs) that must repeat, and the purity they must reach, to be trusted. */
export const MIN_REPEATED_VALUES = 30;
export const MIN_PURITY = 0.99;
/** A group credential is shared by at most this many ids (95th percentile): a building, not a school. */
export const MAX_GROUP_IDS = 12;
/** Longer values are free text, not numbers. */
const MAX_VALUE_LENGTH = 64;

/** `source\u0001role\u0001fact` of each learned credential → whether it is personal. */
export type CredentialSet = ReadonlyMap<string, boolean>;

export const NO_CREDENTIALS: CredentialSet = new Map();

export function credentialSet(facts: readonly CredentialFact[] | undefined): CredentialSet {
  return facts === undefined || facts.length === 0 ? NO_CREDENTIALS : new Map(facts.map((c) => [`${c.source}\u0001${c.role}\u0001${c.fact}`, (c.idsPerValue ?? 1) <= 1]));
}

function usable(value: string | undefined): value is string {
  return value !== undefined && value.length > 0 && value.length <= MAX_VALUE_LENGTH;
}

function roleOf(input: MatchInput): string {
  return input.key.slice(input.key.lastIndexOf('\u0001') + 1);
}

/**
 * The credential keys of one record: `source\u0001role\u0001fact\u0001value` for a personal
 * credential, with `\u0001name` after it for a group one (none without a name).
 */
export function credentialsOf(input: MatchInput, set: CredentialSet): readonly string[] {
  if (set.size === 0 || input.facts === undefined) return [];
  const role = roleOf(input);
  const name = input.person.name;
  const out: string[] = [];
  for (const [fact, value] of Object.entries(input.facts)) {
    const prefix = `${input.source}\u0001${role}\u0001${fact}`;
    const personal = set.get(prefix);
    if (personal === undefined || !usable(value)) continue;
    if (personal) out.push(`${prefix}\u0001${value}`);
    else if (name !== null && name !== '') out.push(`${prefix}\u0001${value}\u0001${name}`);
  }
  return out;
}

/** Tallies values to the ids holding them: the one id seen so far, or '' once two were seen. */
class Tally {
  readonly values = new Map<string, { id: string; count: number; ids: Set<string> | null }>();

  add(value: string, id: string, keepIds: boolean): void {
    const v = this.values.get(value);
    if (v === undefined) {
      this.values.set(value, { id, count: 1, ids: keepIds ? new Set([id]) : null });
      return;
    }
    v.count += 1;
    if (v.id !== id) v.id = '';
    if (v.ids !== null && v.ids.size <= MAX_GROUP_IDS) v.ids.add(id);
  }

  /** Values seen at least twice, and the share of them that one id holds. */
  purity(): { repeated: number; purity: number } {
    let repeated = 0;
    let pure = 0;
    for (const v of this.values.values()) {
      if (v.count < 2) continue;
      repeated += 1;
      if (v.id !== '') pure += 1;
    }
    return { repeated, purity: repeated === 0 ? 0 : pure / repeated };
  }

  /** Ids per repeated value, 95th percentile (counting stops past MAX_GROUP_IDS). */
  idsPerValue(): number {
    const sizes: number[] = [];
    for (const v of this.values.values()) if (v.count >= 2 && v.ids !== null) sizes.push(v.ids.size);
    if (sizes.length === 0) return Infinity;
    sizes.sort((a, b) => a - b);
    return sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * 0.95))]!;
  }
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Learns the credential facts of a sample of records (see the module comment). */
export function learnCredentials(inputs: readonly MatchInput[]): CredentialFact[] {
  const byValue = new Map<string, Tally>();
  const byValueAndName = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, prefix: string): Tally => {
    let t = map.get(prefix);
    if (t === undefined) map.set(prefix, (t = new Tally()));
    return t;
  };
  for (const input of inputs) {
    const p = input.person;
    if (input.facts === undefined || !p.idValid || p.idNumber === null) continue;
    const role = roleOf(input);
    for (const [fact, value] of Object.entries(input.facts)) {
      if (!usable(value)) continue;
      const prefix = `${input.source}\u0001${role}\u0001${fact}`;
      tally(byValue, prefix).add(value, p.idNumber, true);
      if (p.name !== null && p.name !== '') tally(byValueAndName, prefix).add(`${value}\u0001${p.name}`, p.idNumber, false);
    }
  }
  const learned: CredentialFact[] = [];
  for (const [prefix, values] of byValue) {
    const [source = '', role = '', fact = ''] = prefix.split('\u0001');
    const personal = values.purity();
    if (personal.repeated >= MIN_REPEATED_VALUES && personal.purity >= MIN_PURITY) {
      learned.push({ source, role, fact, repeatedValues: personal.repeated, purity: round(personal.purity), idsPerValue: 1 });
      continue;
    }
    const idsPerValue = values.idsPerValue();
    const named = byValueAndName.get(prefix)?.purity();
    if (named === undefined || idsPerValue > MAX_GROUP_IDS) continue;
    if (named.repeated >= MIN_REPEATED_VALUES && named.purity >= MIN_PURITY) {
      learned.push({ source, role, fact, repeatedValues: named.repeated, purity: round(named.purity), idsPerValue });
    }
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
