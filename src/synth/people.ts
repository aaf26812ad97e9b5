// The true persons of the synthetic city and what is true about them (before any department
// writes them down with its own errors): identity, hukou, home, phones over time, work.

import type { Home, HukouPlace } from './addresses.js';
import type { Day } from './dates.js';
import type { PersonName } from './names.js';
import { deriveSeed } from './random.js';

export type Sex = 'M' | 'F';
export type FamilyRole = 'head' | 'spouse' | 'child' | 'elder';

export interface Employer {
  readonly name: string;
  readonly creditCode: string;
  readonly industry: string;
}

export interface Work {
  readonly employer: Employer;
  /** 个体工商户: the employer is the person's own registered business. */
  readonly selfEmployed: boolean;
  readonly since: Day;
  readonly monthlyWage: number;
}

export interface PhoneEntry {
  readonly number: string;
  readonly since: Day;
}

export interface Person {
  readonly key: string;
  readonly household: number;
  readonly role: FamilyRole;
  readonly name: PersonName;
  readonly sex: Sex;
  readonly birth: Day;
  readonly ethnicity: string;
  readonly idType: 'resident_id' | 'passport';
  readonly id: string;
  readonly nationality: string | null;
  /** Null for foreigners (no hukou). */
  readonly hukou: HukouPlace | null;
  readonly floating: boolean;
  readonly foreign: boolean;
  /** When the person started living at the household's home. */
  readonly arrival: Day;
  /** Own phones, oldest first; empty when the person uses someone else's phone or none. */
  readonly phones: readonly PhoneEntry[];
  /** The household member whose phone this person gives (elderly parents, young children). */
  readonly phoneOf: Person | null;
  readonly guardian: Person | null;
  readonly work: Work | null;
  /** Hard cases this person takes part in (twin, same_name_birthday, shared_phone, ...). */
  readonly hard: string[];
  /** The stranger with the same name and birth date, when this person copies one. */
  readonly sameNameAs: string | null;
}

export interface Household {
  readonly index: number;
  readonly home: Home;
  readonly floating: boolean;
  readonly members: readonly Person[];
}

/** The phone a person gives on a given day (own phone then, or the shared one). */
export function phoneOn(person: Person, day: Day): string | null {
  if (person.phoneOf) return phoneOn(person.phoneOf, day);
  let current: string | null = null;
  for (const entry of person.phones) {
    if (entry.since <= day || current === null) current = entry.number;
  }
  return current;
}

const mobilePrefixes = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182',
  '183', '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

/** Hands out distinct mobile numbers: the 8 digits are a bijection of a counter (unique below
 * 10^8 numbers), the prefix is mixed in from the counter so neighbours look unrelated. */
export class PhoneBook {
  private counter = 0;
  private readonly multiplier: number;
  private readonly offset: number;

  constructor(seed: number) {
    // Odd and not a multiple of 5, so coprime to 10^8 and the mapping never repeats.
    let m = (deriveSeed(seed, 17) % 40_000_000) * 2 + 1;
    if (m % 5 === 0) m += 2;
    this.multiplier = m;
    this.offset = deriveSeed(seed, 18) % 100_000_000;
  }

  next(): string {
    const n = this.counter++;
    const prefix = mobilePrefixes[deriveSeed(this.offset, n) % mobilePrefixes.length] as string;
    // BigInt-free modular multiply: both factors stay below 2^53 when split.
    const body = (mulMod(n, this.multiplier, 100_000_000) + this.offset) % 100_000_000;
    return prefix + String(body).padStart(8, '0');
  }
}

function mulMod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 10_000);
  const lo = b % 10_000;
  return (((a * hi) % m) * 10_000 + a * lo) % m;
}
