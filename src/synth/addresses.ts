// Addresses: a household's home in one of the node's counties (an estate flat or an urban-village
// room) and a hukou address back home, each rendered in the styles departments really use
// (with/without province, 深圳南山区 abbreviations, county only) or split over several columns.

import { countyNames } from './regions.js';
import { deriveSeed, Rng } from './random.js';

export interface Home {
  readonly county: string;
  readonly street: string;
  readonly road: string;
  readonly roadNumber: number;
  /** An estate (花园, 小区) or an urban village (村). */
  readonly place: string;
  readonly isVillage: boolean;
  /** 3栋 for estates, 5巷12号 for villages. */
  readonly building: string;
  readonly room: string;
}

const words = [...'东风红星新华长安和平建设胜利光明幸福团结前进向阳青山石桥大坪河口水口白沙清水龙泉金山马鞍高桥杨柳桃花梅林竹园松林翠竹锦绣碧海星河华侨丽水'];
const pairWords = (rng: Rng): string => {
  const i = rng.int(words.length >> 1) * 2;
  return (words[i] as string) + (words[i + 1] as string);
};
const roadSuffixes = ['路', '大道', '街', '一路', '二路'];
const estateSuffixes = ['花园', '小区', '新村', '苑', '公寓', '城', '家园'];

// Each county gets a fixed set of streets (街道) derived from the seed, so the same district
// always shows the same street names.
const streetCache = new Map<string, string[]>();
function streetsOf(seed: number, county: string): string[] {
  const key = `${seed}:${county}`;
  let list = streetCache.get(key);
  if (!list) {
    const rng = new Rng(deriveSeed(seed, Number(county)));
    list = Array.from({ length: 6 }, () => `${pairWords(rng)}街道`);
    streetCache.set(key, list);
  }
  return list;
}

export function makeHome(rng: Rng, seed: number, county: string, isVillage: boolean): Home {
  const street = rng.pick(streetsOf(seed, county));
  const road = pairWords(rng) + rng.pick(roadSuffixes);
  const roadNumber = rng.between(1, 399);
  if (isVillage) {
    const place = `${pairWords(rng)}村`;
    return { county, street, road, roadNumber, place, isVillage, building: `${rng.between(1, 30)}巷${rng.between(1, 60)}号`, room: String(rng.between(1, 8) * 100 + rng.between(1, 6)) };
  }
  const place = pairWords(rng) + rng.pick(estateSuffixes);
  const floor = rng.between(1, 33);
  return { county, street, road, roadNumber, place, isVillage, building: `${rng.between(1, 20)}栋`, room: `${floor}${String(rng.between(1, 8)).padStart(2, '0')}` };
}

export type AddressStyle = 'full' | 'no_province' | 'short_city' | 'county' | 'no_street';

function cityPart(county: string, style: AddressStyle): string {
  const n = countyNames(county);
  const city = n.city ?? '';
  switch (style) {
    case 'full':
      return n.province === city ? city : n.province + city;
    case 'no_province':
    case 'no_street':
      return city || n.province;
    case 'short_city':
      return (city || n.province).replace(/市$/, '');
    case 'county':
      return '';
  }
}

function homeDetail(home: Home, roomSuffix: string): string {
  return home.isVillage
    ? `${home.place}${home.building}${home.room}${roomSuffix}`
    : `${home.road}${home.roadNumber}号${home.place}${home.building}${home.room}${roomSuffix}`;
}

export function renderHome(home: Home, style: AddressStyle, roomSuffix: '' | '室' | '房' = ''): string {
  const street = style === 'no_street' ? '' : home.street;
  return cityPart(home.county, style) + countyNames(home.county).county + street + homeDetail(home, roomSuffix);
}

/** The home split the way a lease register keeps it: 区 / 街道 / 路 / 小区 / 楼栋 / 房号. */
export function splitHome(home: Home): [string, string, string, string, string, string] {
  return [
    countyNames(home.county).county,
    home.street,
    home.isVillage ? '' : `${home.road}${home.roadNumber}号`,
    home.place,
    home.building,
    home.room,
  ];
}

export interface HukouPlace {
  readonly county: string;
  readonly detail: string;
}

/** A local's hukou: registered at a home in the city (often the one they live in). */
export function localHukouPlace(home: Home): HukouPlace {
  return { county: home.county, detail: home.street + homeDetail(home, '') };
}

export function makeHukouPlace(rng: Rng, county: string): HukouPlace {
  const town = pairWords(rng) + (rng.chance(0.8) ? '镇' : '乡');
  return { county, detail: `${town}${pairWords(rng)}村${rng.between(1, 12)}组${rng.between(1, 99)}号` };
}

export function renderHukou(place: HukouPlace, style: AddressStyle): string {
  const n = countyNames(place.county);
  return cityPart(place.county, style === 'no_street' ? 'no_province' : style) + n.county + place.detail;
}
