// Issues valid resident id numbers (GB 11643-1999: region + birth date + sequence whose last
// digit is odd for men and even for women + check character), never the same one twice.

import { computeIdCheckChar } from '../identity/id-number.js';
import { type Day, formatDay } from './dates.js';
import type { Rng } from './random.js';

export interface IssuedId {
  readonly id: string;
  readonly seq: number;
}

export class IdIssuer {
  // Numeric keys (region, day, sequence) keep a million issued ids to a few tens of MB.
  private readonly used = new Set<number>();

  /** `near` asks for a sequence next to a sibling's (twins registered together). */
  issue(rng: Rng, region: string, birth: Day, sex: 'M' | 'F', near?: number): IssuedId {
    const parity = sex === 'M' ? 1 : 0;
    for (let attempt = 0; ; attempt++) {
      let seq: number;
      if (near !== undefined && attempt < 4) {
        seq = near + 1 + attempt;
        if ((seq & 1) !== parity) continue;
      } else {
        seq = rng.int(500) * 2 + parity;
      }
      if (seq === 0 || seq > 999) continue;
      const key = Number(region) * 6e7 + (birth + 25_000) * 1000 + seq;
      if (this.used.has(key)) continue;
      this.used.add(key);
      const first17 = region + formatDay(birth, 'compact') + String(seq).padStart(3, '0');
      return { id: first17 + computeIdCheckChar(first17), seq };
    }
  }
}

/** The 15-digit form used before 1999: region + YYMMDD + sequence, no check character. */
export function legacyId15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/** A passport number for a foreign resident: one letter and eight digits, unique per serial. */
export function passportNumber(serial: number): string {
  const letters = 'EGKMPS';
  const digits = String((serial * 7907 + 31_415_926) % 100_000_000).padStart(8, '0');
  return letters[serial % letters.length] + digits;
}
