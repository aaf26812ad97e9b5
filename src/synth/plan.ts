// What each department knows about each person (before errors): who registered residence, who is
// insured, who has a contract, which child goes to which school... Decided once per household
// from the district's coverage rates, so sources agree with each other and with the truth.

import { cityToday, type Day, dayOf, ymdOf } from './dates.js';
import type { Household, Person } from './people.js';
import type { DistrictRates } from './rates.js';
import { countyNames } from './regions.js';
import type { Rng } from './random.js';

export interface Plan {
  registration: { since: Day; at: Day; reason: string } | null;
  insurance: { since: Day; pension: boolean; medical: boolean; workInjury: boolean; months: number } | null;
  contract: { start: Day; end: Day } | null;
  health: { createdAt: Day; familyDoctor: boolean; clinic: string } | null;
  school: { name: string; type: '公办' | '民办'; grade: string; since: Day } | null;
  housing: { start: Day; end: Day; type: '租赁' | '保障性住房' | '自有' } | null;
  medicalFiling: { place: string; filedAt: Day } | null;
  marriage: { at: Day; spouse: Person } | null;
  business: boolean;
  legalAid: { caseType: string; openedAt: Day } | null;
  grid: { at: Day } | null;
  accessEvents: number;
  roster: { at: Day } | null;
}

const ageOf = (p: Person): number => Math.floor((cityToday - p.birth) / 365.25);
const between = (rng: Rng, from: Day, to: Day): Day => (to <= from ? Math.min(from, cityToday) : from + rng.int(to - from + 1));

const grades = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二', '初三', '高一', '高二', '高三'];
const kindergarten = ['小班', '中班', '大班'];

/** Most register within a week of moving; a tail takes months (registration_cycle_days). */
function registrationLag(rng: Rng): number {
  const r = rng.next();
  return r < 0.6 ? rng.int(8) : r < 0.9 ? rng.between(8, 30) : rng.between(31, 180);
}

function reasonFor(p: Person): string {
  const age = ageOf(p);
  if (p.role === 'child') return age >= 6 ? '就学' : '随迁';
  if (p.role === 'elder') return '投靠';
  if (p.work) return p.work.selfEmployed ? '经商' : '务工';
  return p.role === 'spouse' ? '投靠' : '其他';
}

export function planHousehold(rng: Rng, household: Household, rates: DistrictRates, unregisteredShare: number): Map<Person, Plan> {
  const plans = new Map<Person, Plan>();
  const home = household.home;
  const countyName = countyNames(home.county).county;
  for (const p of household.members) {
    const age = ageOf(p);
    const local = !p.floating && !p.foreign;
    const plan: Plan = {
      registration: null, insurance: null, contract: null, health: null, school: null, housing: null,
      medicalFiling: null, marriage: null, business: false, legalAid: null, grid: null, accessEvents: 0, roster: null,
    };
    if (p.floating && !rng.chance(unregisteredShare)) {
      const since = Math.min(cityToday, p.arrival + rng.int(60));
      plan.registration = { since, at: Math.min(cityToday, since + registrationLag(rng)), reason: reasonFor(p) };
    }
    const work = p.work;
    if (work && !work.selfEmployed && rng.chance(rates.insurance)) {
      const since = Math.min(cityToday, work.since + rng.int(90));
      const months = Math.max(1, Math.floor((cityToday - since) / 30.4));
      plan.insurance = { since, pension: rng.chance(0.95), medical: rng.chance(0.96), workInjury: rng.chance(rates.workInjury), months };
    }
    if (work && !work.selfEmployed && rng.chance(rates.contract)) {
      const years = rng.pick([1, 2, 3, 3, 5]);
      const start0 = ymdOf(work.since);
      const day = Math.min(28, start0.day);
      let year = start0.year;
      while (dayOf(year + years, start0.month, day) <= cityToday) year += years;
      // Some registers still hold the previous, expired contract.
      if (year > start0.year && rng.chance(0.3)) year -= years;
      const start = dayOf(year, start0.month, day);
      plan.contract = { start, end: dayOf(year + years, start0.month, day) - 1 };
    }
    plan.business = !!work?.selfEmployed && rng.chance(0.9);
    if (rng.chance(rates.health)) {
      plan.health = { createdAt: between(rng, p.arrival, cityToday), familyDoctor: rng.chance(rates.familyDoctor), clinic: `${countyName}${home.street.replace('街道', '')}社区健康服务中心` };
    }
    if (p.role === 'child' && age >= 3 && rng.chance(age < 6 ? 0.7 : 0.97)) {
      const isPublic = rng.chance(rates.publicSchool);
      const level = age < 6 ? '幼儿园' : age < 12 ? '小学' : age < 15 ? '中学' : '高级中学';
      const name = `${countyName.replace(/区$|县$/, '')}${isPublic ? '' : rng.pick(['育才', '博雅', '英才'])}${home.street.replace('街道', '')}${level}`;
      const grade = age < 6 ? (kindergarten[age - 3] as string) : (grades[Math.min(11, age - 6)] as string);
      plan.school = { name, type: isPublic ? '公办' : '民办', grade, since: between(rng, Math.max(p.arrival, p.birth + 3 * 365), cityToday) };
    }
    if (p.role === 'head' && rng.chance(rates.housingRecord)) {
      const type = local ? (rng.chance(0.7) ? '自有' : '租赁') : rng.chance(rates.affordable) ? '保障性住房' : rng.chance(0.05) ? '自有' : '租赁';
      const start = cityToday - rng.int(365);
      plan.housing = { start, end: start + 365, type };
    }
    if (p.floating && age >= 18 && !plan.insurance?.medical && rng.chance(rates.remoteMedical) && p.hukou) {
      const n = countyNames(p.hukou.county);
      plan.medicalFiling = { place: n.province + (n.city ?? ''), filedAt: between(rng, p.arrival, cityToday) };
    }
    if (p.role === 'head' && rng.chance(p.floating ? 0.15 : 0.35)) {
      const spouse = household.members.find((m) => m.role === 'spouse');
      if (spouse) plan.marriage = { at: between(rng, Math.max(p.birth, spouse.birth) + 22 * 366, cityToday), spouse };
    }
    if (work && age >= 18 && rng.chance(p.floating ? 0.02 : 0.005)) {
      plan.legalAid = { caseType: rng.pick(['劳动争议', '劳动争议', '劳动争议', '工伤赔偿', '婚姻家庭', '交通事故']), openedAt: between(rng, work.since, cityToday) };
    }
    if (rng.chance(rates.grid)) plan.grid = { at: between(rng, p.arrival, cityToday) };
    if (household.home.isVillage && age >= 12 && rng.chance(rates.access)) plan.accessEvents = rng.between(1, 3);
    if ((p.foreign || (p.floating && p.ethnicity !== '汉族' && p.name.style !== 'han')) && rng.chance(p.foreign ? 1 : 0.6)) {
      plan.roster = { at: between(rng, p.arrival, cityToday) };
    }
    plans.set(p, plan);
  }
  ensureEvidence(rng, household, plans);
  return plans;
}

/**
 * Every floating person lives here, so some department must have seen them beyond the police:
 * without one, the grid worker's door-to-door collection (网格员采集) records them.
 */
function ensureEvidence(rng: Rng, household: Household, plans: Map<Person, Plan>): void {
  const married = [...plans.values()].some((pl) => pl.marriage);
  for (const [p, pl] of plans) {
    if (!p.floating && !p.foreign) continue;
    const seen = pl.insurance || pl.contract || pl.health || pl.school || pl.housing || pl.medicalFiling || pl.business ||
      pl.legalAid || pl.grid || pl.roster || (married && (p.role === 'head' || p.role === 'spouse'));
    if (!seen) pl.grid = { at: between(rng, p.arrival, cityToday) };
  }
}
