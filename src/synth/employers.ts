// Employers and individual businesses. Employer n is derived from the seed and n alone, so the
// pool costs no memory however large the city; a few big employers take many workers.

import { makeCreditCode } from './credit-code.js';
import { countyNames } from './regions.js';
import { deriveSeed, Rng } from './random.js';
import type { Employer } from './people.js';

const brandChars = [...'华新宏鑫恒泰兴达盛锦瑞嘉创远安信联科通海天宇汇源优智云中美德'];
const trades: readonly (readonly [suffix: string, industry: string])[] = [
  ['科技有限公司', '信息传输、软件和信息技术服务业'],
  ['电子有限公司', '制造业'],
  ['精密制造有限公司', '制造业'],
  ['实业有限公司', '制造业'],
  ['物流有限公司', '交通运输、仓储和邮政业'],
  ['餐饮管理有限公司', '住宿和餐饮业'],
  ['建筑工程有限公司', '建筑业'],
  ['贸易有限公司', '批发和零售业'],
  ['物业管理有限公司', '房地产业'],
  ['家政服务有限公司', '居民服务、修理和其他服务业'],
];
const shopKinds: readonly (readonly [suffix: string, industry: string])[] = [
  ['便利店', '批发和零售业'],
  ['餐馆', '住宿和餐饮业'],
  ['五金店', '批发和零售业'],
  ['理发店', '居民服务、修理和其他服务业'],
  ['快递服务部', '交通运输、仓储和邮政业'],
  ['水果店', '批发和零售业'],
];

export class EmployerPool {
  private readonly size: number;

  constructor(
    private readonly seed: number,
    private readonly counties: readonly string[],
    persons: number,
  ) {
    this.size = Math.max(20, Math.ceil(persons / 30));
  }

  get(n: number): Employer {
    const rng = new Rng(deriveSeed(this.seed, 101, n));
    const county = this.counties[n % this.counties.length] as string;
    const names = countyNames(county);
    const [suffix, industry] = rng.pick(trades);
    const brand = rng.pick(brandChars) + rng.pick(brandChars);
    // Branches carry the district in brackets, full-width or not, as registers do.
    const branch = rng.chance(0.15) ? (rng.chance(0.5) ? `（${names.county.slice(0, 2)}分公司）` : `(${names.county.slice(0, 2)}分公司)`) : '';
    const city = names.city ?? names.province;
    return { name: `${city}${brand}${suffix}${branch}`, creditCode: makeCreditCode('enterprise', county, n), industry };
  }

  /** Big employers first: the square skews choices toward low numbers. */
  pick(rng: Rng): Employer {
    const r = rng.next();
    return this.get(Math.floor(r * r * this.size));
  }
}

/** The registered business of a self-employed person (个体工商户), numbered by the caller. */
export function makeBusiness(rng: Rng, county: string, ownerSurname: string, serial: number): Employer {
  const [suffix, industry] = rng.pick(shopKinds);
  const names = countyNames(county);
  const label = rng.chance(0.4) ? `老${ownerSurname}` : rng.pick(brandChars) + rng.pick(brandChars);
  return { name: `${names.county}${label}${suffix}`, creditCode: makeCreditCode('individual', county, serial), industry };
}
