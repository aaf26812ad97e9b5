// How one department writes one person into one row: the true values passed through the
// source's error rates. Every deliberate change is recorded as a tag for the ground truth.

import { type AddressStyle, type Home, renderHome, renderHukou } from './addresses.js';
import { type DateStyle, type Day, dayOf, excelSerial, formatDay } from './dates.js';
import { legacyId15 } from './id-issuer.js';
import {
  formatId, formatName, formatPhone, homophoneName, lookalikeName, pinyinName, pinyinParts,
  swapId, traditionalName, typoId, wrongBirth,
} from './noise.js';
import { type Person, phoneOn } from './people.js';
import type { Rng } from './random.js';
import type { NoiseRates } from './rates.js';

export type SexStyle = 'zh' | 'code' | 'letter';

/** 15-digit ids (1984–1999 cards) imply a 19xx birth year; old systems still hold them. */
const legacyBirthLimit = dayOf(1985, 1, 1);

export class Presenter {
  readonly tags: string[] = [];
  private nameEmpty = false;
  private idEmpty = false;

  constructor(
    private readonly rng: Rng,
    private readonly rates: NoiseRates,
  ) {}

  /** True when the row names the person at all (a name or an id), i.e. can be ingested. */
  get identifiable(): boolean {
    return !(this.nameEmpty && this.idEmpty);
  }

  /** The source does not record this field on this row (a design of the source, not an error). */
  withhold(field: 'name' | 'id'): string {
    if (field === 'name') this.nameEmpty = true;
    else this.idEmpty = true;
    this.tag(`${field}_not_recorded`);
    if (this.nameEmpty && this.idEmpty) this.tag('card_only');
    return '';
  }

  private tag(t: string): void {
    this.tags.push(t);
  }

  /** The id as written. A child's row may carry the guardian's id instead (parentId). */
  id(person: Person): string {
    const { rng, rates } = this;
    if (person.idType !== 'resident_id') return person.id;
    if (person.guardian && rng.chance(rates.parentId)) {
      this.tag('parent_id');
      return person.guardian.id;
    }
    if (rng.chance(rates.idMissing)) {
      this.tag('id_missing');
      this.idEmpty = true;
      return '';
    }
    if (rng.chance(rates.idTypo)) {
      this.tag('id_typo');
      return typoId(rng, person.id);
    }
    if (rng.chance(rates.idSwap)) {
      const swapped = swapId(rng, person.id);
      if (swapped) {
        this.tag('id_swap');
        return swapped;
      }
    }
    if (person.birth < legacyBirthLimit && rng.chance(rates.idLegacy15)) {
      this.tag('id_legacy15');
      return legacyId15(person.id);
    }
    if (rng.chance(rates.idFormat)) {
      this.tag('id_format');
      return formatId(rng, person.id);
    }
    return person.id;
  }

  /** The name as written; call after `id` so a row never loses both name and id. */
  name(person: Person): string {
    const { rng, rates } = this;
    const full = person.name.full;
    if (!this.idEmpty && rng.chance(rates.nameMissing)) {
      this.tag('name_missing');
      this.nameEmpty = true;
      return '';
    }
    if (person.name.style !== 'latin' && person.name.style !== 'tibetan' && rng.chance(rates.namePinyin)) {
      this.tag('name_pinyin');
      return pinyinName(person.name, rng.chance(0.5) ? 'passport' : 'western');
    }
    const changed = this.changedName(full);
    if (changed) return changed;
    if (rng.chance(rates.nameFormat)) {
      this.tag('name_format');
      return formatName(rng, full);
    }
    return full;
  }

  private changedName(full: string): string | null {
    const { rng, rates } = this;
    if (rng.chance(rates.nameHomophone)) {
      const v = homophoneName(rng, full);
      if (v) return this.tagged('name_homophone', v);
    }
    if (rng.chance(rates.nameLookalike)) {
      const v = lookalikeName(rng, full);
      if (v) return this.tagged('name_lookalike', v);
    }
    if (rng.chance(rates.nameTraditional)) {
      const v = traditionalName(full);
      if (v) return this.tagged('name_traditional', v);
    }
    return null;
  }

  private tagged(t: string, value: string): string {
    this.tag(t);
    return value;
  }

  /** 姓（拼音）and 名（拼音）for a roster that spells names in latin letters. */
  nameParts(person: Person): [string, string] {
    this.tag('name_pinyin_roster');
    return pinyinParts(person.name);
  }

  sex(person: Person, style: SexStyle): string {
    let sex = person.sex;
    if (this.rng.chance(this.rates.sexWrong)) {
      this.tag('sex_wrong');
      sex = sex === 'M' ? 'F' : 'M';
    }
    if (style === 'zh') return sex === 'M' ? '男' : '女';
    if (style === 'code') return sex === 'M' ? '1' : '2';
    return sex;
  }

  birth(person: Person, style: DateStyle): string | number {
    const { rng, rates } = this;
    if (rng.chance(rates.birthMissing)) {
      this.tag('birth_missing');
      return '';
    }
    let day = person.birth;
    if (rng.chance(rates.birthWrong)) {
      this.tag('birth_wrong');
      day = wrongBirth(rng, day);
    }
    return style === 'excel' ? excelSerial(day) : formatDay(day, style);
  }

  phone(person: Person, on: Day): string {
    const { rng, rates } = this;
    const phone = phoneOn(person, on);
    if (!phone || rng.chance(rates.phoneMissing)) return '';
    const current = phoneOn(person, Number.MAX_SAFE_INTEGER);
    if (phone !== current) this.tag('phone_old');
    if (rng.chance(rates.phoneFormat)) return formatPhone(rng, phone);
    return phone;
  }

  home(home: Home, styles: readonly AddressStyle[]): string {
    if (this.rng.chance(this.rates.addressMissing)) return '';
    return renderHome(home, this.rng.pick(styles), this.rng.pick(['', '', '室', '房'] as const));
  }

  hukou(person: Person, styles: readonly AddressStyle[]): string {
    if (!person.hukou || this.rng.chance(this.rates.addressMissing)) return '';
    return renderHukou(person.hukou, this.rng.pick(styles));
  }

  /** Plain pass-through for values the source copies without error (dates of its own events). */
  date(day: Day, style: DateStyle): string | number {
    return style === 'excel' ? excelSerial(day) : formatDay(day, style);
  }
}
