// GB/T 2260 divisions for the synthetic city: the node's own counties (where people live) and
// the counties elsewhere that send floating people, weighted toward the big sending provinces.
// The division table itself comes from identity (listCounties, regionName).

import { AppError } from '../errors.js';
import { listCounties, regionName } from '../identity/address.js';
import { type Rng, type WeightedTable, weightedTable } from './random.js';

/** The code's significant prefix: 440300 → 4403, 440000 → 44, 440305 → 440305. */
export function regionPrefix(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/** Counties (6-digit codes) inside the region, in code order (东莞 441900 stands for itself). */
export function countiesIn(region: string): string[] {
  return listCounties(region);
}

export function assertRegion(region: string): void {
  if (!/^\d{6}$/.test(region) || countiesIn(region).length === 0) {
    throw new AppError('bad_request', `未知的行政区划代码：${region}`, `unknown GB/T 2260 region code: ${region}`);
  }
}

export interface CountyNames {
  readonly province: string;
  /** Null for the "市辖区" level of the municipalities (北京, 上海, ...). */
  readonly city: string | null;
  /** Empty for a prefecture without counties (东莞市): the city is the last level. */
  readonly county: string;
}

const namesCache = new Map<string, CountyNames>();

export function countyNames(code: string): CountyNames {
  let names = namesCache.get(code);
  if (!names) {
    const city = regionName(`${code.slice(0, 4)}00`);
    names = {
      province: regionName(`${code.slice(0, 2)}0000`) ?? '',
      city: city === null || city === '市辖区' || city === '县' ? null : city,
      county: code.endsWith('00') ? '' : (regionName(code) ?? ''),
    };
    namesCache.set(code, names);
  }
  return names;
}

// Rough shares of where floating people in a Pearl River Delta city come from (census-like
// orders of magnitude). All 31 provinces are listed. For a node elsewhere its own province takes
// Guangdong's place as the largest sender.
const sendingWeights: Record<string, number> = {
  '44': 30, '43': 14, '45': 9, '36': 7, '42': 7, '41': 7, '51': 5, '35': 3, '50': 3, '52': 3,
  '34': 3, '61': 1.5, '37': 1.5, '53': 1, '46': 1, '65': 1, '13': 1, '32': 1, '33': 1, '62': 0.7,
  '14': 0.7, '23': 0.5, '22': 0.5, '21': 0.5, '15': 0.5, '64': 0.3, '54': 0.3, '63': 0.3,
  '11': 0.3, '12': 0.3, '31': 0.3,
};

export interface HukouPicker {
  pick(rng: Rng): string;
  /** Another county of the same province (a spouse from a neighbouring county). */
  pickNear(rng: Rng, county: string): string;
}

/** Picks a hukou county outside the node's region: province by weight, then a county in it. */
export function floatingHukouPicker(region: string): HukouPicker {
  const prefix = regionPrefix(region);
  const entries: (readonly [string[], number])[] = [];
  const byProvince = new Map<string, string[]>();
  const home = region.slice(0, 2);
  for (const [province, listed] of Object.entries(sendingWeights)) {
    const weight = province === home ? 30 : province === '44' ? 3 : listed;
    const list = listCounties(`${province}0000`).filter((c) => !c.startsWith(prefix));
    if (list.length === 0) continue;
    entries.push([list, weight]);
    byProvince.set(province, list);
  }
  const table: WeightedTable<string[]> = weightedTable(entries);
  return {
    pick: (rng) => rng.pick(rng.weighted(table)),
    pickNear: (rng, county) => rng.pick(byProvince.get(county.slice(0, 2)) ?? [county]),
  };
}
