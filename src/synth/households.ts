// Builds the city household by household: couples, children (sometimes twins), elderly parents,
// single migrants and a few foreigners, with hukou, ids, phones (some shared, some changed) and
// work. Holds no more than a small ring of recent adults (for same-name-same-birthday strangers).

import { type HukouPlace, localHukouPlace, makeHome, makeHukouPlace } from './addresses.js';
import { cityToday, type Day, dayOf, ymdOf } from './dates.js';
import { EmployerPool, makeBusiness } from './employers.js';
import { IdIssuer, passportNumber } from './id-issuer.js';
import { foreignName, hanName, type PersonName, pickGivenName, pickSurname, tibetanName, twinName, uyghurName } from './names.js';
import { type FamilyRole, type Household, type Person, PhoneBook, type PhoneEntry, type Sex, type Work } from './people.js';
import { type Hardness, hardCaseFactor, hardCaseRates, populationRates as pop } from './rates.js';
import { countiesIn, floatingHukouPicker, type HukouPicker } from './regions.js';
import { deriveSeed, Rng, type WeightedTable, weightedTable } from './random.js';

// Minority shares among people whose hukou is in the province (census orders of magnitude).
const minorities: Record<string, readonly (readonly [string, number])[]> = {
  '65': [['维吾尔族', 0.6]], '54': [['藏族', 0.9]], '45': [['壮族', 0.35], ['瑶族', 0.03]],
  '64': [['回族', 0.35]], '52': [['苗族', 0.12], ['布依族', 0.08]], '43': [['土家族', 0.08], ['苗族', 0.05]],
  '50': [['土家族', 0.1]], '15': [['蒙古族', 0.17]], '53': [['彝族', 0.11], ['白族', 0.04]],
  '51': [['彝族', 0.05], ['藏族', 0.02]], '42': [['土家族', 0.04]], '46': [['黎族', 0.15]], '22': [['朝鲜族', 0.04]],
};

interface Draft {
  role: FamilyRole;
  name: PersonName;
  sex: Sex;
  birth: Day;
  ethnicity: string;
  hukou: HukouPlace | null;
  nationality?: string;
  near?: number;
  hard: string[];
  sameNameAs: string | null;
}

export class PopulationBuilder {
  private personCount = 0;
  private householdCount = 0;
  private businessSerial = 0;
  private readonly ids = new IdIssuer();
  private readonly phones: PhoneBook;
  private readonly employers: EmployerPool;
  private readonly hukouPicker: HukouPicker;
  private readonly counties: string[];
  private readonly countyTable: WeightedTable<string>;
  private readonly recentAdults: Person[] = [];
  private readonly hardFactor: number;

  constructor(private readonly seed: number, region: string, persons: number, hardness: Hardness) {
    this.counties = countiesIn(region);
    const weights = new Rng(deriveSeed(seed, 7));
    this.countyTable = weightedTable(this.counties.map((c) => [c, 0.4 + weights.next()] as const));
    this.hukouPicker = floatingHukouPicker(region);
    this.phones = new PhoneBook(seed);
    this.employers = new EmployerPool(seed, this.counties, persons);
    this.hardFactor = hardCaseFactor(hardness);
  }

  countyIndex(county: string): number {
    return this.counties.indexOf(county);
  }

  /** The next household, never bigger than `room` persons. */
  next(rng: Rng, room: number): Household {
    const index = this.householdCount++;
    const foreign = rng.chance(pop.foreignHouseholdShare);
    const floating = !foreign && rng.chance(pop.floatingHouseholdShare);
    const county = rng.weighted(this.countyTable);
    const home = makeHome(rng, this.seed, county, rng.chance(floating || foreign ? pop.villageShareFloating : pop.villageShareLocal));
    const moveIn = cityToday - rng.int(floating ? 12 * 365 : 30 * 365);
    const drafts = foreign ? this.foreignDrafts(rng) : this.familyDrafts(rng, floating, floating ? makeHukouPlace(rng, this.hukouPicker.pick(rng)) : localHukouPlace(home));
    const kept = drafts.length <= room ? drafts : drafts.slice(0, 1);
    if (kept.length === 1) kept[0]!.hard = kept[0]!.hard.filter((h) => h !== 'twin');
    const members: Person[] = [];
    for (const draft of kept) members.push(this.toPerson(rng, draft, index, members, floating, foreign, moveIn));
    return { index, home, floating, members };
  }

  private familyDrafts(rng: Rng, floating: boolean, hukou: HukouPlace): Draft[] {
    const ethnicity = this.pickEthnicity(rng, hukou.county);
    const r = rng.next();
    const [single, couple, kids] = floating ? [0.42, 0.57, 0.9] : [0.2, 0.45, 0.83];
    const headAge = floating ? 20 + Math.round(30 * ((rng.next() + rng.next()) / 2)) : 22 + rng.int(48);
    const head = this.adult(rng, 'head', rng.chance(0.6) ? 'M' : 'F', headAge, ethnicity, hukou);
    if (r < single) return [head];
    const spouseHukou = floating && rng.chance(0.15) ? makeHukouPlace(rng, this.hukouPicker.pickNear(rng, hukou.county)) : hukou;
    const spouse = this.adult(rng, 'spouse', head.sex === 'M' ? 'F' : 'M', Math.max(20, headAge + rng.between(-5, 5)), ethnicity, spouseHukou);
    const drafts = [head, spouse];
    if (r < couple) return drafts;
    const [father, mother] = head.sex === 'M' ? [head, spouse] : [spouse, head];
    const childCount = rng.chance(0.55) ? 1 : rng.chance(0.84) ? 2 : 3;
    let born = mother.birth + rng.between(21, 30) * 365;
    for (let i = 0; i < childCount && born < cityToday - 30; i++) {
      const child = this.child(rng, father, mother, born, hukou);
      drafts.push(child);
      if (i === 0 && rng.chance(hardCaseRates.twins * this.hardFactor)) {
        const sex: Sex = rng.chance(0.6) ? child.sex : child.sex === 'M' ? 'F' : 'M';
        const twin: Draft = { ...child, sex, name: child.name.style === 'han' ? twinName(rng, child.name, sex, ymdOf(born).year) : (this.minorityName(rng, child.ethnicity, sex, father) ?? child.name), near: -1, hard: ['twin'] };
        child.hard = ['twin'];
        drafts.push(twin);
      }
      born += rng.between(2, 6) * 365 + rng.int(200);
    }
    if (r >= kids) {
      const elderSex: Sex = rng.chance(0.5) ? 'M' : 'F';
      const elder = this.adult(rng, 'elder', elderSex, Math.min(92, headAge + rng.between(24, 34)), ethnicity, hukou);
      if (elderSex === 'M' && elder.name.style === 'han') elder.name = hanName(head.name.surname, elder.name.given);
      drafts.push(elder);
    }
    return drafts.filter((d) => d.birth <= cityToday);
  }

  private adult(rng: Rng, role: FamilyRole, sex: Sex, age: number, ethnicity: string, hukou: HukouPlace): Draft {
    const year = ymdOf(cityToday).year - age;
    const birth = dayOf(year - 1, 7, 1) + rng.int(365);
    const draft: Draft = { role, name: this.minorityName(rng, ethnicity, sex, null) ?? hanName(pickSurname(rng), pickGivenName(rng, sex, year)), sex, birth, ethnicity, hukou, hard: [], sameNameAs: null };
    if (draft.name.style === 'han' && role !== 'elder' && this.recentAdults.length > 0 && rng.chance(hardCaseRates.sameNameBirthday * this.hardFactor)) {
      const other = rng.pick(this.recentAdults);
      if (other.sex === sex && other.name.style === 'han') {
        draft.name = other.name;
        draft.birth = other.birth;
        draft.hard.push('same_name_birthday');
        draft.sameNameAs = other.key;
      }
    }
    return draft;
  }

  private child(rng: Rng, father: Draft, mother: Draft, birth: Day, hukou: HukouPlace): Draft {
    const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
    const year = ymdOf(birth).year;
    const surname = rng.chance(0.9) ? father.name.surname : mother.name.surname;
    const name = this.minorityName(rng, father.ethnicity, sex, father) ?? hanName(surname, pickGivenName(rng, sex, year));
    return { role: 'child', name, sex, birth, ethnicity: father.ethnicity, hukou, hard: [], sameNameAs: null };
  }

  /** A name in the ethnicity's own style, or null for Han-style names. */
  private minorityName(rng: Rng, ethnicity: string, sex: Sex, father: Draft | null): PersonName | null {
    if (ethnicity === '维吾尔族') {
      const own = uyghurName(rng, sex);
      // A Uyghur child's second name is the father's own name.
      return father && father.name.style === 'uyghur' ? { ...own, full: `${own.given}·${father.name.given}`, surname: father.name.given } : own;
    }
    if (ethnicity === '藏族') return tibetanName(rng, sex);
    return null;
  }

  private pickEthnicity(rng: Rng, county: string): string {
    let r = rng.next();
    for (const [name, share] of minorities[county.slice(0, 2)] ?? []) {
      if (r < share) return name;
      r -= share;
    }
    return '汉族';
  }

  private foreignDrafts(rng: Rng): Draft[] {
    const count = rng.chance(0.6) ? 1 : 2;
    const drafts: Draft[] = [];
    for (let i = 0; i < count; i++) {
      const sex: Sex = i === 0 ? (rng.chance(0.6) ? 'M' : 'F') : drafts[0]!.sex === 'M' ? 'F' : 'M';
      const { name, nationality } = foreignName(rng, sex);
      const birth = dayOf(1965 + rng.int(35), 1, 1) + rng.int(365);
      drafts.push({ role: i === 0 ? 'head' : 'spouse', name, sex, birth, ethnicity: '', nationality, hukou: null, hard: [], sameNameAs: null });
    }
    return drafts;
  }

  private toPerson(rng: Rng, d: Draft, household: number, members: Person[], floating: boolean, foreign: boolean, moveIn: Day): Person {
    const key = `P${String(++this.personCount).padStart(7, '0')}`;
    const sibling = d.near === -1 ? members[members.length - 1] : undefined;
    const issued = foreign ? { id: passportNumber(this.personCount), seq: 0 } : this.ids.issue(rng, d.hukou!.county, d.birth, d.sex, sibling ? Number(sibling.id.slice(14, 17)) : undefined);
    const arrival = Math.max(moveIn, d.birth);
    const age = Math.floor((cityToday - d.birth) / 365.25);
    const head = members[0];
    const mother = members.find((m) => m.role !== 'child' && m.role !== 'elder' && m.sex === 'F');
    // Grown-up children still living with their parents have no guardian.
    const guardian = d.role === 'child' && age < 18 ? ((rng.chance(0.6) ? mother : undefined) ?? head ?? null) : null;
    let phoneOf: Person | null = null;
    if (d.role === 'elder' && head && rng.chance(pop.elderSharesPhone)) phoneOf = head;
    if (d.role === 'spouse' && head && rng.chance(pop.spouseSharesPhone)) phoneOf = head;
    if (d.role === 'child' && guardian && (age < 15 || !rng.chance(pop.teenOwnPhone))) phoneOf = guardian;
    const phones: PhoneEntry[] = [];
    if (!phoneOf && age >= 12) {
      phones.push({ number: this.phones.next(), since: arrival });
      if (rng.chance(pop.phoneChangeShare)) phones.push({ number: this.phones.next(), since: arrival + rng.int(Math.max(1, cityToday - arrival)) });
    }
    const hard = [...d.hard];
    if (phoneOf) hard.push('shared_phone');
    const person: Person = {
      key, household, role: d.role, name: d.name, sex: d.sex, birth: d.birth, ethnicity: d.ethnicity,
      idType: foreign ? 'passport' : 'resident_id', id: issued.id, nationality: d.nationality ?? null,
      hukou: d.hukou, floating, foreign, arrival, phones, phoneOf, guardian, hard, sameNameAs: d.sameNameAs,
      work: this.work(rng, d, age, floating, arrival),
    };
    if (d.role !== 'child' && d.role !== 'elder' && d.name.style === 'han') {
      this.recentAdults.push(person);
      if (this.recentAdults.length > 256) this.recentAdults.shift();
    }
    return person;
  }

  private work(rng: Rng, d: Draft, age: number, floating: boolean, arrival: Day): Work | null {
    if (age < 18 || age > 60 || d.role === 'elder') return null;
    if (!rng.chance(floating ? pop.workerShareFloating : pop.workerShareLocal)) return null;
    const since = Math.min(cityToday, Math.max(arrival, d.birth + 18 * 366) + rng.int(400));
    const monthlyWage = 3000 + rng.int(60) * 250;
    if (rng.chance(pop.selfEmployedShare)) {
      const county = rng.pick(this.counties);
      return { employer: makeBusiness(rng, county, d.name.surname, ++this.businessSerial), selfEmployed: true, since, monthlyWage };
    }
    return { employer: this.employers.pick(rng), selfEmployed: false, since, monthlyWage };
  }
}
