// Realistic Chinese names: surnames by their national frequency (incl. compound 欧阳 司马 and the
// polyphonic 单 曾 解 区 查 仇 朴), given names by sex and birth era, Uyghur names with `·`,
// Tibetan names without a surname, and a few foreign (latin) names for the pinyin roster.

import { type Rng, weightedTable } from './random.js';

export type NameStyle = 'han' | 'uyghur' | 'tibetan' | 'latin';

export interface PersonName {
  /** The name as the person's own documents write it. */
  readonly full: string;
  /** Han: the surname; Uyghur: the father's name (after `·`); Tibetan: the first part; latin: family name. */
  readonly surname: string;
  readonly given: string;
  readonly style: NameStyle;
}

// Percent of the population (public security statistics, rounded); the rare polyphonic and
// compound surnames are over-weighted a little so small cities still contain them.
const surnameWeights: readonly (readonly [string, number])[] = [
  ['王', 7.12], ['李', 7.0], ['张', 6.74], ['刘', 5.1], ['陈', 4.61], ['杨', 3.22], ['黄', 2.45],
  ['赵', 2.19], ['吴', 2.08], ['周', 1.9], ['徐', 1.45], ['孙', 1.38], ['马', 1.29], ['朱', 1.28],
  ['胡', 1.16], ['郭', 1.13], ['何', 1.06], ['林', 1.02], ['高', 1.0], ['罗', 0.95], ['郑', 0.88],
  ['梁', 0.83], ['谢', 0.76], ['宋', 0.68], ['唐', 0.67], ['许', 0.64], ['韩', 0.62], ['冯', 0.61],
  ['邓', 0.6], ['曹', 0.58], ['彭', 0.55], ['曾', 0.54], ['肖', 0.53], ['田', 0.51], ['董', 0.5],
  ['袁', 0.49], ['潘', 0.47], ['于', 0.46], ['蒋', 0.45], ['蔡', 0.44], ['余', 0.43], ['杜', 0.42],
  ['叶', 0.41], ['程', 0.4], ['苏', 0.39], ['魏', 0.38], ['吕', 0.37], ['丁', 0.36], ['任', 0.35],
  ['沈', 0.34], ['姚', 0.33], ['卢', 0.32], ['姜', 0.31], ['崔', 0.3], ['钟', 0.29], ['谭', 0.28],
  ['陆', 0.27], ['汪', 0.26], ['范', 0.25], ['金', 0.24], ['石', 0.23], ['廖', 0.22], ['贾', 0.22],
  ['夏', 0.21], ['韦', 0.21], ['付', 0.2], ['方', 0.2], ['白', 0.19], ['邹', 0.19], ['孟', 0.18],
  ['熊', 0.18], ['秦', 0.17], ['邱', 0.17], ['江', 0.16], ['尹', 0.16], ['薛', 0.15], ['闫', 0.15],
  ['段', 0.14], ['雷', 0.14], ['侯', 0.13], ['龙', 0.13], ['史', 0.12], ['陶', 0.12], ['黎', 0.12],
  ['贺', 0.11], ['顾', 0.11], ['毛', 0.11], ['郝', 0.1], ['龚', 0.1], ['邵', 0.1], ['万', 0.09],
  ['钱', 0.09], ['严', 0.09], ['覃', 0.09], ['武', 0.08], ['戴', 0.08], ['莫', 0.08], ['孔', 0.07],
  ['向', 0.07], ['汤', 0.07], ['单', 0.08], ['解', 0.08], ['区', 0.04], ['查', 0.04], ['仇', 0.03],
  ['朴', 0.03], ['翟', 0.04], ['欧阳', 0.06], ['司马', 0.03], ['上官', 0.02], ['诸葛', 0.02],
  ['司徒', 0.03], ['尉迟', 0.01], ['皇甫', 0.01], ['令狐', 0.01],
];
const surnames = weightedTable(surnameWeights);

interface GivenPool {
  readonly first: readonly string[];
  readonly second: readonly string[];
  readonly single: readonly string[];
  readonly singleShare: number;
}

const chars = (s: string): string[] => [...s];

// Birth eras change naming fashion: 建国/秀英 before 1970, 伟/丽 in the 1970s–80s, 梓轩/欣怡 after.
const pools: Record<'old' | 'mid' | 'young', Record<'M' | 'F', GivenPool>> = {
  old: {
    M: { first: chars('建国志德永世明文金振福学春庆玉树宝'), second: chars('国华明军平林成忠民强生福才山新荣祥发'), single: chars('军强平刚勇明林华斌伟'), singleShare: 0.3 },
    F: { first: chars('秀桂玉淑凤兰金素翠美春丽冬彩'), second: chars('英兰珍芳华梅琴荣云霞莲花娥香凤'), single: chars('英珍芳梅兰琴霞萍红'), singleShare: 0.3 },
  },
  mid: {
    M: { first: chars('海志晓小春建立永文俊新宏家国振明伟'), second: chars('伟磊军勇涛斌超明刚鹏辉杰强波华亮峰健俊飞龙东林平'), single: chars('伟磊军勇涛斌超鹏辉杰强波亮峰健飞刚洋'), singleShare: 0.35 },
    F: { first: chars('晓小海春丽秀艳美玉雪红慧婷静'), second: chars('丽静敏艳娟燕芳玲霞红婷慧萍琳洁雪梅华莉丹'), single: chars('丽静敏艳娟燕芳玲霞红婷慧萍琳洁雪莉丹颖'), singleShare: 0.35 },
  },
  young: {
    M: { first: chars('浩宇子梓俊家嘉博一天明思文志锦晨'), second: chars('轩宇涵博铭睿泽辰皓昊宸航然豪鑫逸诚杰阳凯文'), single: chars('浩宇轩博睿泽辰皓昊航鑫杰阳凯磊涛'), singleShare: 0.12 },
    F: { first: chars('欣子梓雨诗梦思一可佳语嘉若心雅晨紫'), second: chars('怡涵琪萱彤悦雅馨妍瑶诺琳菲然蕾晴婷颖'), single: chars('欣怡涵琪萱彤悦馨妍瑶琳菲蕾晴颖'), singleShare: 0.12 },
  },
};

function poolFor(sex: 'M' | 'F', birthYear: number): GivenPool {
  const era = birthYear < 1970 ? 'old' : birthYear < 1990 ? 'mid' : 'young';
  return pools[era][sex];
}

export function pickSurname(rng: Rng): string {
  return rng.weighted(surnames);
}

export function pickGivenName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
  const pool = poolFor(sex, birthYear);
  if (rng.chance(pool.singleShare)) return rng.pick(pool.single);
  return rng.pick(pool.first) + rng.pick(pool.second);
}

export function hanName(surname: string, given: string): PersonName {
  return { full: surname + given, surname, given, style: 'han' };
}

/** A twin's name: same surname and first given character, another second one (浩然 / 浩宇). */
export function twinName(rng: Rng, sibling: PersonName, sex: 'M' | 'F', birthYear: number): PersonName {
  const pool = poolFor(sex, birthYear);
  const given = [...sibling.given];
  const options = given.length === 1 ? pool.single : pool.second;
  let next = rng.pick(options);
  for (let tries = 0; next === given[given.length - 1] && tries < 10; tries++) next = rng.pick(options);
  given[given.length - 1] = next;
  return hanName(sibling.surname, given.join(''));
}

const uyghurMale = ['艾力', '买买提', '阿卜杜拉', '艾尔肯', '吐尔逊', '亚森', '依明', '努尔', '卡德尔', '热合曼', '阿里木', '麦麦提', '塔依尔'];
const uyghurFemale = ['阿依古丽', '古丽娜尔', '热依拉', '帕提古丽', '迪丽娜尔', '米娜瓦尔', '祖丽皮亚', '努尔古丽', '阿依努尔', '玛依拉'];

/** Uyghur: own name · father's name (阿依古丽·买买提). */
export function uyghurName(rng: Rng, sex: 'M' | 'F'): PersonName {
  const given = rng.pick(sex === 'M' ? uyghurMale : uyghurFemale);
  const father = rng.pick(uyghurMale);
  return { full: `${given}·${father}`, surname: father, given, style: 'uyghur' };
}

const tibetanFirst = ['扎西', '次仁', '多吉', '旦增', '格桑', '尼玛', '平措', '顿珠', '罗布', '达瓦', '白玛'];
const tibetanMale = ['多吉', '次仁', '平措', '顿珠', '罗布', '旺堆', '群培'];
const tibetanFemale = ['卓玛', '央金', '拉姆', '德吉', '措姆', '曲珍', '巴珍'];

/** Tibetan names have no surname: two two-character parts (扎西次仁, 次仁卓玛). */
export function tibetanName(rng: Rng, sex: 'M' | 'F'): PersonName {
  const first = rng.pick(tibetanFirst);
  const second = rng.pick(sex === 'M' ? tibetanMale : tibetanFemale);
  return { full: first + second, surname: first, given: second, style: 'tibetan' };
}

export interface ForeignIdentity {
  readonly name: PersonName;
  readonly nationality: string;
}

const foreignNames: readonly { nationality: string; family: string[]; male: string[]; female: string[] }[] = [
  { nationality: '美国', family: ['SMITH', 'JOHNSON', 'BROWN', 'MILLER'], male: ['John', 'Michael', 'David'], female: ['Sarah', 'Emily', 'Laura'] },
  { nationality: '韩国', family: ['KIM', 'LEE', 'PARK', 'CHOI'], male: ['Minjun', 'Jiho', 'Seojun'], female: ['Jiwoo', 'Seoyeon', 'Hayoon'] },
  { nationality: '日本', family: ['TANAKA', 'SATO', 'SUZUKI'], male: ['Haruto', 'Kenji'], female: ['Yuki', 'Aoi'] },
  { nationality: '越南', family: ['NGUYEN', 'TRAN', 'PHAM'], male: ['Van An', 'Minh'], female: ['Thi Lan', 'Thu'] },
  { nationality: '俄罗斯', family: ['IVANOV', 'PETROV'], male: ['Sergei', 'Alexei'], female: ['Anna', 'Olga'] },
];

export function foreignName(rng: Rng, sex: 'M' | 'F'): ForeignIdentity {
  const country = rng.pick(foreignNames);
  const family = rng.pick(country.family);
  const given = rng.pick(sex === 'M' ? country.male : country.female);
  return { name: { full: `${family} ${given}`, surname: family, given, style: 'latin' }, nationality: country.nationality };
}
