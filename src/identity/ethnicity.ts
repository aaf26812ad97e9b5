// 民族 (GB/T 3304-1991): the 56 ethnic groups with their two-digit codes and romanised names.
// Accepts the name with or without 族, the code with or without its leading zero, the romanised
// name and a few common English names and short forms.

import { accepted, rejected, type Normalized } from './normalized.js';
import { toSimplified } from './simplified.js';
import { cleanText } from './text.js';

/** Code order of GB/T 3304; each entry is the name without 族 and its romanisation. */
const GROUPS = `
汉 Han|蒙古 Mongol|回 Hui|藏 Zang|维吾尔 Uygur|苗 Miao|彝 Yi|壮 Zhuang|布依 Buyei|朝鲜 Chosen|
满 Man|侗 Dong|瑶 Yao|白 Bai|土家 Tujia|哈尼 Hani|哈萨克 Kazak|傣 Dai|黎 Li|傈僳 Lisu|
佤 Va|畲 She|高山 Gaoshan|拉祜 Lahu|水 Sui|东乡 Dongxiang|纳西 Naxi|景颇 Jingpo|柯尔克孜 Kirgiz|土 Tu|
达斡尔 Daur|仫佬 Mulao|羌 Qiang|布朗 Blang|撒拉 Salar|毛南 Maonan|仡佬 Gelao|锡伯 Xibe|阿昌 Achang|普米 Pumi|
塔吉克 Tajik|怒 Nu|乌孜别克 Uzbek|俄罗斯 Russ|鄂温克 Ewenki|德昂 Deang|保安 Bonan|裕固 Yugur|京 Gin|塔塔尔 Tatar|
独龙 Derung|鄂伦春 Oroqen|赫哲 Hezhen|门巴 Monba|珞巴 Lhoba|基诺 Jino`;

/** Other names in use, to the GB/T 3304 base name. */
const ALIASES: Readonly<Record<string, string>> = {
  维族: '维吾尔', 蒙族: '蒙古',
  tibetan: '藏', uyghur: '维吾尔', uighur: '维吾尔', korean: '朝鲜', manchu: '满',
  mongolian: '蒙古', kazakh: '哈萨克', kyrgyz: '柯尔克孜', russian: '俄罗斯', bouyei: '布依',
};

/** The 56 group names without 族, longest first (also used to shorten autonomous-area names). */
export const ETHNIC_BASE_NAMES: readonly string[] = GROUPS.split('|')
  .map((entry) => entry.trim().split(' ')[0] ?? '')
  .sort((a, b) => b.length - a.length);

const lookup = new Map<string, string>();
GROUPS.split('|').forEach((entry, index) => {
  const [base = '', roman = ''] = entry.trim().split(' ');
  const name = `${base}族`;
  const code = String(index + 1);
  for (const key of [base, name, code, code.padStart(2, '0'), roman.toLowerCase()]) lookup.set(key, name);
});
for (const [alias, base] of Object.entries(ALIASES)) lookup.set(alias, `${base}族`);

/** The GB/T 3304 name (汉族, 壮族, ...); ok:false `unknown_ethnicity` otherwise. */
export function normalizeEthnicity(raw: string): Normalized<string> {
  const trimmed = raw.trim();
  const key = toSimplified(cleanText(trimmed)).toLowerCase();
  if (key === '') return rejected(trimmed, 'empty');
  const name = lookup.get(key) ?? lookup.get(key.replace(/ ?族$/, ''));
  return name === undefined ? rejected(trimmed, 'unknown_ethnicity') : accepted(trimmed, name);
}
