// Test fixtures for the matching tests: person records built with the identity normalisers the
// way ingest builds them, and a small seeded population (people seen by several sources, with
// the usual slips) to train a model on. Used by *.test.ts only.

import { computeIdCheckChar, normalizeDate, normalizeIdNumber, normalizeName, normalizePhone, parseAddress } from '../identity/index.js';
import type { IdType, PersonField } from '../standard/fields.js';
import type { FieldValue, PersonRecord } from '../standard/record.js';
import type { MatchModel } from './model.js';
import { randomInt, seededRandom, type Random } from './random.js';
import { trainModel } from './train.js';
import { matchKey, type MatchInput } from './types.js';

export interface PersonSpec {
  role?: string;
  name?: string;
  given?: string;
  surname?: string;
  id?: string;
  idType?: IdType;
  sex?: 'M' | 'F';
  birth?: string;
  phone?: string;
  hukou?: string;
  residence?: string;
  employer?: string;
}

function value(raw: string, n: { value: string | null; ok: boolean }): FieldValue {
  return { raw, value: n.value, ok: n.ok };
}

/** A PersonRecord as the standard normaliser would build it from these raw values. */
export function person(spec: PersonSpec): PersonRecord {
  const fields: Partial<Record<PersonField, FieldValue>> = {};
  const name = spec.name === undefined ? null : normalizeName(spec.name);
  if (name !== null && spec.name !== undefined) fields.name = value(spec.name, name);
  if (spec.given !== undefined) fields.given_name = value(spec.given, normalizeName(spec.given));
  if (spec.surname !== undefined) fields.surname = value(spec.surname, normalizeName(spec.surname));
  const id = spec.id === undefined ? null : normalizeIdNumber(spec.id);
  if (id !== null && spec.id !== undefined) fields.id_number = value(spec.id, id);
  const idType = spec.idType ?? 'resident_id';
  const birth = spec.birth === undefined ? null : normalizeDate(spec.birth);
  const phone = spec.phone === undefined ? null : normalizePhone(spec.phone);
  const hukou = spec.hukou === undefined ? null : parseAddress(spec.hukou).parsed;
  const residence = spec.residence === undefined ? null : parseAddress(spec.residence).parsed;
  return {
    role: spec.role ?? 'subject',
    fields,
    name: name?.value ?? null,
    namePinyin: name?.pinyin ?? [],
    idNumber: id?.value ?? null,
    idType,
    idValid: idType === 'resident_id' && id?.ok === true,
    sex: spec.sex ?? null,
    birthDate: birth?.ok === true ? birth.value : null,
    phone: phone?.ok === true ? phone.value : null,
    hukouRegion: hukou?.code ?? null,
    hukouDetail: hukou === null ? null : hukou.detail || null,
    residenceRegion: residence?.code ?? null,
    residenceDetail: residence === null ? null : residence.detail || null,
    employer: spec.employer ?? null,
    employerCreditCode: null,
  };
}

export interface InputSpec extends PersonSpec {
  source?: string;
  kind?: string;
  observedAt?: string;
  related?: { type: string; direction: 'from' | 'to'; other: PersonSpec }[];
  facts?: Record<string, string>;
}

/** A MatchInput of source `spec.source` (default `s`) with record id `recordId`. */
export function input(recordId: string, spec: InputSpec): MatchInput {
  const source = spec.source ?? 's';
  const p = person(spec);
  return {
    key: matchKey(source, recordId, p.role),
    source,
    kind: spec.kind ?? 'health',
    observedAt: spec.observedAt ?? null,
    person: p,
    related: (spec.related ?? []).map((r) => ({ type: r.type, direction: r.direction, other: person(r.other) })),
    ...(spec.facts === undefined ? {} : { facts: spec.facts }),
  };
}

/** A valid resident id for a region, birth date (YYYYMMDD) and sequence (odd: a man). */
export function residentId(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + computeIdCheckChar(first17);
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常';
const givens = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国斌云峰波宇浩然子轩梓涵欣怡佳琪雨泽思源俊博文晨昊天佑嘉豪睿诗婷雪梅晓东海';
const counties = ['440305', '440304', '440303', '440306', '430104', '360402', '510107', '420111'];
const roads = ['科技园路', '华强北路', '深南大道', '桃园路', '人民路', '解放路', '中山路', '建设路'];

function pick(random: Random, text: string): string {
  return text.charAt(randomInt(random, text.length));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** People seen by two to four sources each; some records miss a field or carry a slip. Returns inputs and the true person of each. */
export function population(persons: number, seed: number): { inputs: MatchInput[]; truth: string[] } {
  const random = seededRandom(seed);
  const inputs: MatchInput[] = [];
  const truth: string[] = [];
  for (let p = 0; p < persons; p++) {
    const name = pick(random, surnames) + pick(random, givens) + (random() < 0.6 ? pick(random, givens) : '');
    const year = 1950 + randomInt(random, 70);
    const birth = `${year}-${pad(1 + randomInt(random, 12))}-${pad(1 + randomInt(random, 28))}`;
    const county = counties[randomInt(random, counties.length)]!;
    const sex = random() < 0.5 ? 'M' : 'F';
    const id = residentId(county, birth.replace(/-/g, ''), 2 * randomInt(random, 400) + (sex === 'M' ? 1 : 0));
    const phone = `13${String(randomInt(random, 1e9)).padStart(9, '0')}`;
    const residence = `深圳市南山区${roads[randomInt(random, roads.length)]}${1 + randomInt(random, 300)}号`;
    const copies = 2 + randomInt(random, 3);
    for (let c = 0; c < copies; c++) {
      const spec: InputSpec = { source: `src${c}`, name, sex, birth, id, phone, residence };
      if (random() < 0.3) delete spec.id;
      if (random() < 0.2) delete spec.birth;
      if (random() < 0.3) delete spec.phone;
      if (random() < 0.1 && spec.id !== undefined) spec.id = `${id.slice(0, 10)}${id.charAt(11)}${id.charAt(10)}${id.slice(12)}`;
      if (random() < 0.05) spec.phone = `13${String(randomInt(random, 1e9)).padStart(9, '0')}`;
      inputs.push(input(`r${p}-${c}`, spec));
      truth.push(`P${p}`);
    }
  }
  return { inputs, truth };
}

let cached: MatchModel | null = null;

/** A model trained on a 1,500-person population (trained once per test file). */
export function testModel(): MatchModel {
  cached ??= trainModel(population(1500, 7).inputs, { random: seededRandom(3), randomPairs: 200_000 });
  return cached;
}

/** Person ids P1, P2, ... in the order minted. */
export function idMinter(prefix = 'P'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
